// GNU readline on Linux (libreadline-dev), the system's libedit on macOS.
#include <stdio.h>
#if defined(__APPLE__)
#include <editline/readline.h>
#else
#include <readline/readline.h>
#include <readline/history.h>
#endif

// Accessors for readline's global variables. Swift 6 refuses to touch mutable C globals
// directly (it cannot prove them race-free); the shell reads and sets them only from the one
// thread that calls readline(). __typeof__ keeps GNU readline's and libedit's types apart.
static inline const char *digitlab_rl_line_buffer(void) { return rl_line_buffer; }
static inline void digitlab_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void digitlab_rl_set_name(__typeof__(rl_readline_name) name) { rl_readline_name = name; }
static inline void digitlab_rl_set_completion_function(__typeof__(rl_attempted_completion_function) f) {
  rl_attempted_completion_function = f;
}
