#include "cc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put(struct buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1) {
      cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
      fprintf(stderr, "cc1: out of memory\n");
      exit(1);
    }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

static void putf(struct buf *b, const char *fmt, unsigned long v) {
  char tmp[32];
  int n = snprintf(tmp, sizeof tmp, fmt, v);
  put(b, tmp, (size_t)n);
}

int cc_read_file(const char *path, struct buf *b) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "cc1: %s: %s\n", path, strerror(errno));
    return -1;
  }
  char chunk[1024];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0) {
      fprintf(stderr, "cc1: %s: %s\n", path, strerror(errno));
      close(fd);
      return -1;
    }
    if (n == 0) {
      break;
    }
    put(b, chunk, (size_t)n);
  }
  close(fd);
  return 0;
}

/* ---- tokens ---- */

enum kind { IDENT, NUMBER, STRING, PUNCT, END };

struct token {
  enum kind kind;
  const char *text;
  size_t len;
  uint32_t value; /* NUMBER */
};

static const char *const PUNCT2[] = {"==", "!=", "<=", ">=", "&&", "||", "<<", ">>", "++", "--", "+=", "-=", "->"};

static const char *skip_space(const char *p) {
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      p++;
    }
    if (p[0] == '/' && p[1] == '/') {
      while (*p && *p != '\n') {
        p++;
      }
    } else if (p[0] == '/' && p[1] == '*') {
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/')) {
        p++;
      }
      p += *p ? 2 : 0;
    } else {
      return p;
    }
  }
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

static const char *next_token(const char *p, struct token *t) {
  p = skip_space(p);
  t->text = p;
  t->value = 0;
  if (*p == '\0') {
    t->kind = END;
    t->len = 0;
    return p;
  }
  if (is_alpha(*p)) {
    while (is_alpha(*p) || is_digit(*p)) {
      p++;
    }
    t->kind = IDENT;
  } else if (is_digit(*p)) {
    t->kind = NUMBER;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
      for (p += 2;; p++) {
        int d = is_digit(*p) ? *p - '0' : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10 : -1;
        if (d < 0) {
          break;
        }
        t->value = t->value * 16 + (uint32_t)d;
      }
    } else {
      for (; is_digit(*p); p++) {
        t->value = t->value * 10 + (uint32_t)(*p - '0');
      }
    }
    while (*p == 'u' || *p == 'U' || *p == 'l' || *p == 'L') {
      p++;
    }
  } else if (*p == '"') {
    for (p++; *p && *p != '"'; p++) {
      if (*p == '\\' && p[1]) {
        p++;
      }
    }
    p += *p ? 1 : 0;
    t->kind = STRING;
  } else {
    t->kind = PUNCT;
    size_t n = 1;
    for (size_t i = 0; i < sizeof PUNCT2 / sizeof PUNCT2[0]; i++) {
      if (p[0] == PUNCT2[i][0] && p[1] == PUNCT2[i][1]) {
        n = 2;
        break;
      }
    }
    p += n;
  }
  t->len = (size_t)(p - t->text);
  return p;
}

/* ---- symbols: identifiers in order of first appearance, and macros ---- */

#define SYMBOLS 4096

struct symbol {
  const char *name;
  size_t len;
  uint32_t count;
  int is_macro;
  uint32_t value;
};

struct symtab {
  struct symbol sym[SYMBOLS];
  int32_t slot[2 * SYMBOLS]; /* hash -> index + 1 */
  uint32_t n;
};

static uint32_t hash(const char *s, size_t n) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; i++) {
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  }
  return h;
}

static struct symbol *intern(struct symtab *st, const char *s, size_t n, uint32_t *id) {
  uint32_t h = hash(s, n) & (2 * SYMBOLS - 1);
  for (;; h = (h + 1) & (2 * SYMBOLS - 1)) {
    int32_t e = st->slot[h];
    if (e == 0) {
      if (st->n == SYMBOLS) {
        fprintf(stderr, "cc1: too many identifiers\n");
        exit(1);
      }
      st->sym[st->n] = (struct symbol){s, n, 0, 0, 0};
      st->slot[h] = (int32_t)++st->n;
      *id = st->n - 1;
      return &st->sym[st->n - 1];
    }
    struct symbol *y = &st->sym[e - 1];
    if (y->len == n && memcmp(y->name, s, n) == 0) {
      *id = (uint32_t)(e - 1);
      return y;
    }
  }
}

static const char *const KEYWORDS[] = {"int", "unsigned", "char", "void", "return", "if", "else",
                                       "while", "for", "static", "const", "struct", "break"};

static int is_keyword(const struct token *t) {
  for (size_t i = 0; i < sizeof KEYWORDS / sizeof KEYWORDS[0]; i++) {
    if (strlen(KEYWORDS[i]) == t->len && memcmp(KEYWORDS[i], t->text, t->len) == 0) {
      return 1;
    }
  }
  return 0;
}

static int punct_is(const struct token *t, const char *s) {
  return t->kind == PUNCT && t->len == strlen(s) && memcmp(t->text, s, t->len) == 0;
}

/* a op b for the operators folded, or -1 if op is not one */
static int fold(const struct token *op, uint32_t a, uint32_t b, uint32_t *r) {
  if (punct_is(op, "+")) *r = a + b;
  else if (punct_is(op, "-")) *r = a - b;
  else if (punct_is(op, "*")) *r = a * b;
  else if (punct_is(op, "&")) *r = a & b;
  else if (punct_is(op, "|")) *r = a | b;
  else if (punct_is(op, "^")) *r = a ^ b;
  else if (punct_is(op, "<<")) *r = b < 32 ? a << b : 0;
  else if (punct_is(op, ">>")) *r = b < 32 ? a >> b : 0;
  else return -1;
  return 0;
}

/* ---- the compiler ---- */

/* Text of `src` with each line `#include "NAME"` replaced by the file incdir/NAME. */
static int preprocess(const char *src, const char *incdir, struct buf *text) {
  struct buf raw = {0};
  if (cc_read_file(src, &raw) != 0) {
    return -1;
  }
  const char *p = raw.data ? raw.data : "";
  while (*p) {
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol - p + 1) : strlen(p);
    if (strncmp(p, "#include \"", 10) == 0) {
      const char *name = p + 10;
      const char *q = memchr(name, '"', n - 10);
      char path[256];
      if (!q || snprintf(path, sizeof path, "%s/%.*s", incdir, (int)(q - name), name) >= (int)sizeof path
          || cc_read_file(path, text) != 0) {
        free(raw.data);
        return -1;
      }
      put(text, "\n", 1);
    } else {
      put(text, p, n);
    }
    p += n;
  }
  free(raw.data);
  return 0;
}

int cc_compile(const char *src, const char *incdir, struct buf *out) {
  struct buf text = {0};
  if (preprocess(src, incdir, &text) != 0) {
    return -1;
  }
  struct symtab *st = calloc(1, sizeof *st);
  if (!st) {
    fprintf(stderr, "cc1: out of memory\n");
    exit(1);
  }
  puts_(out, "; object of ");
  puts_(out, src);
  puts_(out, "\n");

  /* Tokens go through a window of three, so that "( N op N )" can be folded to N. */
  struct token win[5];
  int w = 0;
  uint32_t tokens = 0, folded = 0, strings = 0;
  const char *p = text.data ? text.data : "";
  for (;;) {
    struct token t;
    p = next_token(p, &t);
    if (t.kind == PUNCT && t.len == 1 && t.text[0] == '#') {
      /* #define NAME NUMBER */
      struct token d, name, val;
      const char *q = next_token(p, &d);
      q = next_token(q, &name);
      q = next_token(q, &val);
      if (d.kind == IDENT && d.len == 6 && memcmp(d.text, "define", 6) == 0 && name.kind == IDENT && val.kind == NUMBER) {
        uint32_t id;
        struct symbol *m = intern(st, name.text, name.len, &id);
        m->is_macro = 1;
        m->value = val.value;
        p = q;
        continue;
      }
    }
    if (t.kind == IDENT) {
      uint32_t id;
      struct symbol *y = intern(st, t.text, t.len, &id);
      if (y->is_macro) {
        t.kind = NUMBER;
        t.value = y->value;
      }
    }
    tokens += t.kind != END;
    win[w++] = t;
    /* fold ( N op N ) */
    if (w >= 5 && punct_is(&win[w - 5], "(") && win[w - 4].kind == NUMBER && win[w - 2].kind == NUMBER
        && punct_is(&win[w - 1], ")")) {
      uint32_t r;
      if (fold(&win[w - 3], win[w - 4].value, win[w - 2].value, &r) == 0) {
        w -= 5;
        win[w++] = (struct token){NUMBER, "", 0, r};
        folded++;
        continue;
      }
    }
    /* emit what can no longer be part of a fold */
    int keep = t.kind == END ? 0 : 4;
    while (w > keep) {
      struct token *e = &win[0];
      if (e->kind == NUMBER) {
        putf(out, "#0x%lx ", e->value);
      } else if (e->kind == STRING) {
        putf(out, "str%lu ", strings++);
      } else if (e->kind == IDENT) {
        uint32_t id;
        struct symbol *y = intern(st, e->text, e->len, &id);
        y->count++;
        if (is_keyword(e)) {
          put(out, e->text, e->len);
          puts_(out, " ");
        } else {
          putf(out, "s%lu ", id);
        }
      } else {
        put(out, e->text, e->len);
        puts_(out, punct_is(e, ";") || punct_is(e, "{") || punct_is(e, "}") ? "\n" : " ");
      }
      memmove(&win[0], &win[1], (size_t)(w - 1) * sizeof win[0]);
      w--;
    }
    if (t.kind == END) {
      break;
    }
  }
  puts_(out, "\n");
  for (uint32_t i = 0; i < st->n; i++) {
    const struct symbol *y = &st->sym[i];
    if (y->count > 0 && !is_keyword(&(struct token){IDENT, y->name, y->len, 0})) {
      putf(out, "sym s%lu ", i);
      put(out, y->name, y->len);
      putf(out, " %lu\n", y->count);
    }
  }
  putf(out, "; %lu tokens", tokens);
  putf(out, ", %lu folded", folded);
  putf(out, ", %lu symbols\n", st->n);
  free(st);
  free(text.data);
  return 0;
}

int cc_main(int argc, char **argv) {
  const char *incdir = ".", *outpath = NULL, *src = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-I") == 0 && i + 1 < argc) {
      incdir = argv[++i];
    } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      outpath = argv[++i];
    } else if (!src && argv[i][0] != '-') {
      src = argv[i];
    } else {
      src = NULL;
      break;
    }
  }
  if (!src || !outpath) {
    fprintf(stderr, "usage: cc1 [-I DIR] -o OUT SRC\n");
    return 2;
  }
  struct buf out = {0};
  if (cc_compile(src, incdir, &out) != 0) {
    return 1;
  }
  int fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    fprintf(stderr, "cc1: %s: %s\n", outpath, strerror(errno));
    return 1;
  }
  for (size_t done = 0; done < out.len;) {
    ssize_t n = write(fd, out.data + done, out.len - done);
    if (n <= 0) {
      fprintf(stderr, "cc1: %s: %s\n", outpath, n < 0 ? strerror(errno) : "short write");
      close(fd);
      return 1;
    }
    done += (size_t)n;
  }
  free(out.data);
  return close(fd) == 0 ? 0 : 1;
}
