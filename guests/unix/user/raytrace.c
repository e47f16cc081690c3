/*
 * raytrace: read-shared data. The parent builds one scene in shared memory (spheres, and a large
 * texture table that every surface samples at scattered places), then worker processes render the
 * rows of an image (row y by worker y mod N) into a shared frame buffer, reading the scene and
 * never writing it. Then the parent renders the whole image again itself and compares.
 * Arithmetic is fixed point (16.16 in 32 bits, 64-bit intermediates), so every build and every
 * machine computes the same pixels. Nothing printed depends on the number of workers.
 *
 *   raytrace [-p N] small|full
 */
#include "wl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t fx; /* 16.16 fixed point */
#define ONE 65536
#define EPS 64

struct vec { fx x, y, z; };

struct sphere {
  struct vec c;
  fx r;
  uint32_t tex;     /* offset of its texture in the table */
  uint32_t mirror;  /* reflects 1/2 of the light if 1 */
};

struct scene {
  uint32_t width, height, nspheres, tex_words;
  struct sphere *spheres;
  const uint32_t *tex; /* tex_words (a power of two) values 0..255 */
};

static fx mul(fx a, fx b) { return (fx)(((int64_t)a * b) >> 16); }
static fx fdiv(fx a, fx b) { return (fx)(((int64_t)a << 16) / b); }
static int64_t dot(struct vec a, struct vec b) {
  return ((int64_t)a.x * b.x + (int64_t)a.y * b.y + (int64_t)a.z * b.z) >> 16;
}
static struct vec sub(struct vec a, struct vec b) { return (struct vec){a.x - b.x, a.y - b.y, a.z - b.z}; }
static struct vec add_scaled(struct vec a, struct vec d, fx t) {
  return (struct vec){a.x + mul(d.x, t), a.y + mul(d.y, t), a.z + mul(d.z, t)};
}

static uint32_t isqrt64(uint64_t v) {
  uint64_t r = 0, bit = (uint64_t)1 << 62;
  while (bit > v) {
    bit >>= 2;
  }
  while (bit != 0) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return (uint32_t)r;
}

/* sqrt of a non-negative 16.16 value, in 16.16 */
static fx fsqrt(int64_t v) { return (fx)isqrt64((uint64_t)v << 16); }

static struct vec normalize(struct vec v) {
  fx len = fsqrt(dot(v, v));
  return (struct vec){fdiv(v.x, len), fdiv(v.y, len), fdiv(v.z, len)};
}

#define FLOOR_Y (-ONE)
#define NOTHING (-1)
#define FLOOR (-2)

/* The nearest hit along o + t d (d of length one) with t > EPS: its t, and what it hit in *what. */
static fx trace(const struct scene *s, struct vec o, struct vec d, int *what) {
  fx best = 0x7fffffff;
  *what = NOTHING;
  for (uint32_t i = 0; i < s->nspheres; i++) {
    const struct sphere *sp = &s->spheres[i];
    struct vec oc = sub(o, sp->c);
    int64_t b = dot(oc, d);
    int64_t c = dot(oc, oc) - (((int64_t)sp->r * sp->r) >> 16);
    int64_t disc = ((b * b) >> 16) - c;
    if (disc < 0) {
      continue;
    }
    int64_t q = fsqrt(disc);
    int64_t t = -b - q;
    if (t <= EPS) {
      t = -b + q;
    }
    if (t > EPS && t < best) {
      best = (fx)t;
      *what = (int)i;
    }
  }
  if (d.y < 0) {
    fx t = fdiv(o.y - FLOOR_Y, -d.y);
    if (t > EPS && t < best && t < 64 * ONE) {
      best = t;
      *what = FLOOR;
    }
  }
  return best;
}

static const struct vec LIGHT = {-37837, 45405, -30270}; /* (-0.577, 0.693, -0.462), length ~1 */

static uint32_t texel(const struct scene *s, uint32_t base, struct vec p) {
  uint32_t u = (uint32_t)(p.x >> 12), v = (uint32_t)(p.z >> 12), w = (uint32_t)(p.y >> 12);
  return s->tex[(base + wl_mix(u * 73856093u ^ v * 19349663u ^ w * 83492791u)) & (s->tex_words - 1)];
}

/* Brightness 0..255 of what the ray o + t d sees. */
static uint32_t shade(const struct scene *s, struct vec o, struct vec d, int depth) {
  int what;
  fx t = trace(s, o, d, &what);
  if (what == NOTHING) {
    return 40 + (uint32_t)((d.y > 0 ? d.y : 0) >> 10); /* sky */
  }
  struct vec p = add_scaled(o, d, t);
  struct vec n;
  uint32_t albedo, mirror = 0;
  if (what == FLOOR) {
    n = (struct vec){0, ONE, 0};
    uint32_t check = (uint32_t)(((p.x >> 16) ^ (p.z >> 16)) & 1);
    albedo = check ? 200 : texel(s, 0, p) / 2;
  } else {
    const struct sphere *sp = &s->spheres[what];
    struct vec r = sub(p, sp->c);
    n = (struct vec){fdiv(r.x, sp->r), fdiv(r.y, sp->r), fdiv(r.z, sp->r)};
    albedo = texel(s, sp->tex, p);
    mirror = sp->mirror;
  }
  int64_t lambert = dot(n, LIGHT);
  if (lambert < 0) {
    lambert = 0;
  }
  int shadowed;
  trace(s, add_scaled(p, n, 256), LIGHT, &shadowed);
  if (shadowed != NOTHING) {
    lambert /= 4;
  }
  uint32_t c = (uint32_t)((albedo * (uint64_t)(ONE / 8 + lambert * 7 / 8)) >> 16);
  if (mirror && depth < 2) {
    fx k = (fx)(2 * dot(d, n));
    struct vec refl = {d.x - mul(k, n.x), d.y - mul(k, n.y), d.z - mul(k, n.z)};
    c = (c + shade(s, add_scaled(p, n, 256), normalize(refl), depth + 1)) / 2;
  }
  return c > 255 ? 255 : c;
}

static void render_row(const struct scene *s, uint32_t y, uint8_t *out) {
  struct vec eye = {0, ONE, -5 * ONE};
  for (uint32_t x = 0; x < s->width; x++) {
    fx dx = (fx)(((int64_t)(2 * (int32_t)x - (int32_t)s->width) * ONE) / (int32_t)s->height);
    fx dy = (fx)(((int64_t)((int32_t)s->height - 2 * (int32_t)y) * ONE) / (int32_t)s->height);
    struct vec d = normalize((struct vec){dx, dy - ONE / 4, 2 * ONE});
    out[x] = (uint8_t)shade(s, eye, d, 0);
  }
}

struct job {
  const struct scene *s;
  uint8_t *frame;
  int workers;
};

static int worker(int w, void *arg) {
  struct job *j = arg;
  for (uint32_t y = (uint32_t)w; y < j->s->height; y += (uint32_t)j->workers) {
    render_row(j->s, y, &j->frame[y * j->s->width]);
  }
  return 0;
}

static uint32_t frame_checksum(const uint8_t *f, size_t n) {
  return wl_fnv_bytes(WL_FNV_INIT, f, n);
}

int main(int argc, char **argv) {
  struct wl_args a;
  wl_parse(argc, argv, &a, 4, 0);
  struct scene s;
  s.width = a.full ? 320 : 64;
  s.height = a.full ? 240 : 48;
  s.nspheres = a.full ? 48 : 16;
  s.tex_words = a.full ? (1u << 20) : (1u << 17);

  size_t sphere_bytes = s.nspheres * sizeof(struct sphere);
  size_t tex_bytes = s.tex_words * sizeof(uint32_t);
  size_t frame_bytes = (size_t)s.width * s.height;
  char *shared = wl_shared(sphere_bytes + tex_bytes + frame_bytes);
  s.spheres = (struct sphere *)shared;
  uint32_t *tex = (uint32_t *)(shared + sphere_bytes);
  uint8_t *frame = (uint8_t *)(shared + sphere_bytes + tex_bytes);
  for (uint32_t i = 0; i < s.tex_words; i++) {
    tex[i] = 64 + (wl_mix(i + 0x5bd1e995u) % 192);
  }
  s.tex = tex;
  for (uint32_t i = 0; i < s.nspheres; i++) {
    uint32_t h = wl_mix(i * 0x27d4eb2du + 1);
    fx r = ONE / 4 + (fx)(wl_mix(h) % (ONE * 3 / 4));
    s.spheres[i] = (struct sphere){
        {(fx)(h % (10 * ONE)) - 5 * ONE, FLOOR_Y + r, (fx)(wl_mix(h + 1) % (12 * ONE))},
        r, wl_mix(h + 2), (h >> 29) == 0};
  }
  printf("raytrace: %ux%u pixels, %u spheres, %u KB texture, shared read-only\n", s.width,
         s.height, s.nspheres, (unsigned)(tex_bytes / 1024));

  struct job j = {&s, frame, a.workers};
  if (wl_run_workers(a.workers, worker, &j) != 0) {
    wl_die("raytrace: a worker failed");
  }

  /* a preview: one character per 2x4 pixels (4x8 for full) */
  static const char ramp[] = " .:-=+*#%@";
  uint32_t bx = a.full ? 4 : 2, by = a.full ? 8 : 4;
  for (uint32_t y = 0; y + by <= s.height; y += by) {
    char line[128];
    uint32_t n = 0;
    for (uint32_t x = 0; x + bx <= s.width; x += bx) {
      uint32_t sum = 0;
      for (uint32_t yy = y; yy < y + by; yy++) {
        for (uint32_t xx = x; xx < x + bx; xx++) {
          sum += frame[yy * s.width + xx];
        }
      }
      line[n++] = ramp[sum / (bx * by) * 10 / 256];
    }
    line[n] = '\0';
    printf("|%s|\n", line);
  }
  uint32_t parallel = frame_checksum(frame, frame_bytes);

  uint8_t *again = malloc(frame_bytes);
  if (!again) {
    wl_die("raytrace: out of memory");
  }
  for (uint32_t y = 0; y < s.height; y++) {
    render_row(&s, y, &again[y * s.width]);
  }
  return wl_verdict("raytrace", parallel, frame_checksum(again, frame_bytes));
}
