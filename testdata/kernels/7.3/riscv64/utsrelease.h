#define UTS_RELEASE "7.3.4"
