// GNU readline on Linux (libreadline-dev), the system's libedit on macOS.
#include <stdio.h>
#if defined(__APPLE__)
#include <editline/readline.h>
#else
#include <readline/readline.h>
#include <readline/history.h>
#endif
