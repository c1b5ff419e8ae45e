// Only the declaration in include/LibFuzzerDriver.h: the definition is libFuzzer's (-sanitize=fuzzer).
#include "LibFuzzerDriver.h"
