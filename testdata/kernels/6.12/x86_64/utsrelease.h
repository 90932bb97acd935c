#define UTS_RELEASE "6.12.118+deb12-amd64"
