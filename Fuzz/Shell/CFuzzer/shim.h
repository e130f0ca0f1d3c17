// libFuzzer's entry for programs with their own main (SwiftPM names the executable's entry
// point itself, so libFuzzer's main cannot be used). Linked in by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
