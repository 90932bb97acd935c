/tmp/pymodpost-kbuild/x86_64/consumer/consumer.o
