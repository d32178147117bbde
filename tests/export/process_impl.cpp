// The CLI tests' process runner and temporary folders, compiled into test_export too.
#include "../cli/process.cpp"
