/*
 * The compiler-like program of pmake: `cc1 -I DIR -o OUT SRC` reads SRC and the headers it
 * includes from DIR, tokenizes the text, replaces macros, folds constant expressions, numbers the
 * identifiers, and writes a text "object" to OUT. pmake execs it as /bin/cc1, or (--no-exec)
 * calls cc_main in the forked child, and calls cc_compile to check the outputs in one process.
 */
#ifndef CC_H
#define CC_H

#include <stddef.h>

struct buf {
  char *data;
  size_t len, cap;
};

/* Compiles `src` (headers from `incdir`) into `out` (appended). Returns 0, or -1 with a message on stderr. */
int cc_compile(const char *src, const char *incdir, struct buf *out);

/* The whole program: parses `-I DIR -o OUT SRC`, compiles, writes OUT. Returns the exit status. */
int cc_main(int argc, char **argv);

/* Reads a whole file into b (appended); 0 or -1. */
int cc_read_file(const char *path, struct buf *b);

#endif
