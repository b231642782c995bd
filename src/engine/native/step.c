/*
 * secplay's fused decoding step: one new token per row through the whole GPT in one call.
 *
 * The same computation as buildStepGraph (src/engine/model/gpt.ts), on the same buffers: a d=128
 * step in onnxruntime is ~150 kernels of a few microseconds each, and most of a step's time goes
 * to them rather than to the weights' products. Here a step is one call: per layer LayerNorm, the
 * QKV product, attention over [group prefix | private cache | new token] with the additive mask,
 * the output projection and the MLP, then the head's log-softmax and its exp.
 *
 * Products with the weights run over all rows at once (each weight panel is read once per step,
 * from cache, for every block of MR rows); weights are packed at creation into panels of NR
 * columns, zero-padded, so one micro-kernel (inlined for 1 to MR rows) with no column edge cases
 * serves every matrix. Rows are
 * split between threads (the caller's and up to 15 workers), which share nothing but the weights
 * and a group's prefix, both read-only: one hand-off per step.
 *
 * exp and erf are polynomial approximations accurate to ~2e-7 relative (exp) and 1.5e-7 absolute
 * (erf, Abramowitz & Stegun 7.1.26), written on vectors so the compiler keeps them in registers.
 * Built by src/engine/native/step.ts (buildNativeStep) with the machine's C compiler (-O3 -march=native).
 */
#define NAPI_VERSION 8 /* type tags */
#include <node_api.h>
#include <sched.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NODE_GYP_MODULE_NAME
#define NODE_GYP_MODULE_NAME secplay_step
#endif

#if defined(__AVX512F__)
#define VW 16 /* floats per vector */
#define NV 4  /* vectors per micro-tile row */
#else
#define VW 8
#define NV 2
#endif
#define NR (NV * VW) /* columns per weight panel */
#define MR 4         /* rows per micro-tile */
_Static_assert(NR % VW == 0, "panels are whole vectors (the GELU loop relies on it)");


typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));

static inline vf vload(const float *p) {
  vf v;
  memcpy(&v, p, sizeof v);
  return v;
}
static inline void vstore(float *p, vf v) { memcpy(p, &v, sizeof v); }
static inline vf vsplat(float x) { return (vf){0} + x; }
static inline vf vselect(vi m, vf a, vf b) { return (vf)(((vi)a & m) | ((vi)b & ~m)); }
static inline vf vclamp(vf x, float lo, float hi) {
  x = vselect(x < lo, vsplat(lo), x);
  return vselect(x > hi, vsplat(hi), x);
}
#if defined(__x86_64__) || defined(__i386__)
#define cpu_relax() __builtin_ia32_pause()
#else
#define cpu_relax() ((void)0)
#endif
static inline int round_up(int n, int m) { return (n + m - 1) / m * m; }

/* e^x: Cody–Waite reduction to r in [−ln2/2, ln2/2], degree-6 Taylor polynomial, 2^n by bits;
 * 0 below −87 (a masked score, −1e9, gives exactly 0 as in onnxruntime, not a subnormal) */
static inline vf vexp(vf x0) {
  const vf x = vclamp(x0, -87.0f, 88.0f);
  const vf magic = vsplat(12582912.0f); /* 1.5·2^23: adding it rounds to an integer */
  vf n = (x * 1.44269504088896341f + magic) - magic;
  vf r = x - n * 0.693145751953125f - n * 1.428606765330187e-06f;
  vf p = 1.0f + r * (1.0f + r * (0.5f + r * (0.16666667f + r * (0.041666668f + r * (0.008333334f + r * 0.0013888889f)))));
  vi e = (__builtin_convertvector(n, vi) + 127) << 23;
  vf s;
  memcpy(&s, &e, sizeof s);
  return vselect(x0 < -87.0f, vsplat(0.0f), p * s);
}

/* erf(x), Abramowitz & Stegun 7.1.26: |error| ≤ 1.5e-7 */
static inline vf verf(vf x) {
  vi bits;
  memcpy(&bits, &x, sizeof bits);
  vi sign = bits & (int32_t)0x80000000;
  vi absbits = bits & 0x7fffffff;
  vf ax;
  memcpy(&ax, &absbits, sizeof ax);
  vf t = 1.0f / (1.0f + 0.3275911f * ax);
  vf poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
  vf y = 1.0f - poly * vexp(-ax * ax);
  vi ybits;
  memcpy(&ybits, &y, sizeof ybits);
  ybits |= sign;
  memcpy(&y, &ybits, sizeof y);
  return y;
}

static float sexp(float x) { return vexp(vsplat(x))[0]; }

/* a permutation of a vector's lanes (clang and gcc ≥ 12 share one builtin; older gcc has its own) */
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)
#define SHUF(v, ...) __builtin_shufflevector(v, v, __VA_ARGS__)
#else
#define SHUF(v, ...) __builtin_shuffle(v, (vi){__VA_ARGS__})
#endif

/* the sum of a vector's lanes, by halving (lane 0 ends up with it) */
static inline float hsum(vf v) {
#if VW == 16
  v = v + SHUF(v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
  v = v + SHUF(v, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11);
  v = v + SHUF(v, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
  v = v + SHUF(v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
#else
  v = v + SHUF(v, 4, 5, 6, 7, 0, 1, 2, 3);
  v = v + SHUF(v, 2, 3, 0, 1, 6, 7, 4, 5);
  v = v + SHUF(v, 1, 0, 3, 2, 5, 4, 7, 6);
#endif
  return v[0];
}

/* Σ a[i]·b[i] with vector accumulators (a plain loop is a scalar chain: C does not reassociate) */
static inline float dot(const float *a, const float *b, int n) {
  vf acc = {0};
  int i = 0;
  for (; i + VW <= n; i += VW) acc += vload(a + i) * vload(b + i);
  float s = hsum(acc);
  for (; i < n; i++) s += a[i] * b[i];
  return s;
}

/* the largest of n > 0 floats */
static inline float max_of(const float *a, int n) {
  float m = a[0];
  int i = 0;
  if (n >= VW) {
    vf acc = vload(a);
    for (i = VW; i + VW <= n; i += VW) {
      const vf x = vload(a + i);
      acc = vselect(x > acc, x, acc);
    }
    m = acc[0];
    for (int q = 1; q < VW; q++) m = acc[q] > m ? acc[q] : m;
  }
  for (; i < n; i++) m = a[i] > m ? a[i] : m;
  return m;
}

static inline float sum_of(const float *a, int n) {
  vf acc = {0};
  int i = 0;
  for (; i + VW <= n; i += VW) acc += vload(a + i);
  float s = hsum(acc);
  for (; i < n; i++) s += a[i];
  return s;
}

/* ---- the model: packed weights ---- */

typedef struct {
  int K, N, Np; /* in, out, out padded to NR */
  float *w;     /* panels: (Np/NR) × K × NR */
  float *b;     /* Np (zero-padded) */
} Linear;

typedef struct {
  float *ln1g, *ln1b, *ln2g, *ln2b;
  Linear qkv, proj, fc, out;
} Layer;

typedef struct Model Model;

typedef struct {
  /* a step's buffers (see bind) */
  int B, P, Pg, G;
  const int *ids, *positions; /* validated copies of the caller's ids and positions (see run) */
  const float *mask;
  const float **pastK, **pastV, **preK, **preV;
  float *scores, *kv;
} Step;

typedef struct {
  int rows; /* capacity in rows (multiple of MR) */
  float *x, *h, *qkv, *y, *u, *logits, *att;
  int attCap;
} Scratch;

#define MAX_THREADS 16

/* a worker thread: it runs rows [from, to) of `job` while the caller runs the first rows */
typedef struct {
  Model *m;
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  atomic_uint phase; /* even: idle, odd: a job is posted; the worker adds 1 when done */
  atomic_int quit;
  const Step *job;
  int from, to, ok;
  Scratch scratch;
} Worker;

struct Model {
  int V, T, C, L, H, D, F, Cs;
  float eps;
  float *wte, *wpe, *lnfg, *lnfb;
  Layer *layers;
  Linear head;
  Scratch scratch; /* the caller's */
  Worker *workers;
  int nworkers;
  size_t bytes; /* the packed weights, as reported to the garbage collector */
};

static void *xalloc(size_t n) {
  void *p = NULL;
  if (posix_memalign(&p, 64, n < 64 ? 64 : n) != 0) return NULL;
  memset(p, 0, n);
  return p;
}

/* pack W (K,N) row-major, bias (N) into panels; `transposed`: W is given as (N,K) */
static int pack(Linear *L, const float *w, const float *bias, int K, int N, int transposed) {
  L->K = K;
  L->N = N;
  L->Np = round_up(N, NR);
  L->w = xalloc((size_t)L->Np * K * sizeof(float));
  L->b = xalloc((size_t)L->Np * sizeof(float));
  if (L->w == NULL || L->b == NULL) return 0;
  for (int n = 0; n < N; n++) {
    float *panel = L->w + (size_t)(n / NR) * K * NR;
    for (int k = 0; k < K; k++) panel[(size_t)k * NR + n % NR] = transposed ? w[(size_t)n * K + k] : w[(size_t)k * N + n];
    if (bias != NULL) L->b[n] = bias[n];
  }
  return 1;
}

/* one tile: rows [i, i+mr) × panel p, mr ≤ MR a constant where inlined */
static inline __attribute__((always_inline)) void tile(const Linear *L, const float *a, int lda, float *out, int ldo, int i,
                                                       int p, int accumulate, const int mr) {
  const int K = L->K;
  const float *wp = L->w + (size_t)p * K * NR;
  const float *bp = L->b + p * NR;
  vf c[MR][NV];
#pragma GCC unroll 4
  for (int r = 0; r < mr; r++)
#pragma GCC unroll 4
    for (int q = 0; q < NV; q++) {
      c[r][q] = vload(bp + q * VW);
      if (accumulate) c[r][q] += vload(out + (size_t)(i + r) * ldo + p * NR + q * VW);
    }
  const float *a0 = a + (size_t)i * lda;
  for (int k = 0; k < K; k++) {
    const float *wk = wp + (size_t)k * NR;
    vf w[NV];
#pragma GCC unroll 4
    for (int q = 0; q < NV; q++) w[q] = vload(wk + q * VW);
#pragma GCC unroll 4
    for (int r = 0; r < mr; r++) {
      const float x = a0[(size_t)r * lda + k];
#pragma GCC unroll 4
      for (int q = 0; q < NV; q++) c[r][q] += w[q] * x;
    }
  }
#pragma GCC unroll 4
  for (int r = 0; r < mr; r++)
#pragma GCC unroll 4
    for (int q = 0; q < NV; q++) vstore(out + (size_t)(i + r) * ldo + p * NR + q * VW, c[r][q]);
}

/*
 * out[i, :] (stride ldo, Np columns) = a[i, :K] (stride lda) · W + b (+ out[i, :] when
 * `accumulate`), for rows [0, M): tiles of MR rows, then one tile of the rest.
 */
static void linear(const Linear *L, const float *a, int lda, float *out, int ldo, int M, int accumulate) {
  for (int p = 0; p < L->Np / NR; p++) {
    int i = 0;
    for (; i + MR <= M; i += MR) tile(L, a, lda, out, ldo, i, p, accumulate, MR);
    switch (M - i) {
      case 3: tile(L, a, lda, out, ldo, i, p, accumulate, 3); break;
      case 2: tile(L, a, lda, out, ldo, i, p, accumulate, 2); break;
      case 1: tile(L, a, lda, out, ldo, i, p, accumulate, 1); break;
    }
  }
}

static void layer_norm(const float *x, float *y, int C, const float *g, const float *b, float eps) {
  const float mean = sum_of(x, C) / (float)C;
  vf acc = {0};
  int i = 0;
  for (; i + VW <= C; i += VW) {
    const vf d = vload(x + i) - mean;
    acc += d * d;
  }
  float var = hsum(acc);
  for (; i < C; i++) var += (x[i] - mean) * (x[i] - mean);
  var /= (float)C;
  const float inv = 1.0f / sqrtf(var + eps);
  for (i = 0; i < C; i++) y[i] = (x[i] - mean) * inv * g[i] + b[i];
}

/* softmax in place over n scores (the mask already added) */
static void softmax(float *s, int n) {
  const float mx = max_of(s, n);
  float total = 0.0f;
  int j = 0;
  vf acc = {0};
  for (; j + VW <= n; j += VW) {
    vf e = vexp(vload(s + j) - mx);
    vstore(s + j, e);
    acc += e;
  }
  total += hsum(acc);
  for (; j < n; j++) {
    s[j] = sexp(s[j] - mx);
    total += s[j];
  }
  const float inv = 1.0f / total;
  for (j = 0; j < n; j++) s[j] *= inv;
}

static int scratch_fit(Model *m, Scratch *s, int rows, int att) {
  if (rows > s->rows) {
    free(s->x), free(s->h), free(s->qkv), free(s->y), free(s->u), free(s->logits);
    s->rows = rows;
    s->x = xalloc((size_t)rows * m->Cs * sizeof(float));
    s->h = xalloc((size_t)rows * m->Cs * sizeof(float));
    s->qkv = xalloc((size_t)rows * m->layers[0].qkv.Np * sizeof(float));
    s->y = xalloc((size_t)rows * m->Cs * sizeof(float));
    s->u = xalloc((size_t)rows * m->layers[0].fc.Np * sizeof(float));
    s->logits = xalloc((size_t)rows * m->head.Np * sizeof(float));
    if (!s->x || !s->h || !s->qkv || !s->y || !s->u || !s->logits) {
      s->rows = 0;
      return 0;
    }
  }
  if (att > s->attCap) {
    free(s->att);
    s->attCap = round_up(att, VW);
    s->att = xalloc((size_t)s->attCap * sizeof(float));
    if (s->att == NULL) {
      s->attCap = 0;
      return 0;
    }
  }
  return 1;
}

/* s[j] = Σ_d q[d]·kt[d·n + j] for j < n: keys transposed (D,n), blocks of NV vectors of slots
 * kept in registers over d */
static void scores_transposed(float *restrict s, const float *restrict q, const float *restrict kt, int n, int D) {
  int j = 0;
  for (; j + NR <= n; j += NR) {
    vf acc[NV] = {{0}};
    for (int d = 0; d < D; d++) {
      const float qd = q[d];
      const float *kr = kt + (size_t)d * n + j;
#pragma GCC unroll 4
      for (int u = 0; u < NV; u++) acc[u] += vload(kr + u * VW) * qd;
    }
#pragma GCC unroll 4
    for (int u = 0; u < NV; u++) vstore(s + j + u * VW, acc[u]);
  }
  for (; j + VW <= n; j += VW) {
    vf acc = {0};
    for (int d = 0; d < D; d++) acc += vload(kt + (size_t)d * n + j) * q[d];
    vstore(s + j, acc);
  }
  for (; j < n; j++) {
    float acc = 0.0f;
    for (int d = 0; d < D; d++) acc += q[d] * kt[(size_t)d * n + j];
    s[j] = acc;
  }
}

/* out[0:D) += Σ_j p[j]·rows[j·D : (j+1)·D), the accumulators in registers for head sizes of
 * up to NV vectors (two slots at a time, so two chains of additions run side by side) */
static inline __attribute__((always_inline)) void mix_rows_nv(float *restrict out, const float *restrict p, const float *restrict rows, int n, int D, const int nv) {
  vf a[2][NV] = {{{0}}};
  int j = 0;
  for (; j + 2 <= n; j += 2) {
#pragma GCC unroll 2
    for (int t = 0; t < 2; t++) {
      const float pj = p[j + t];
      const float *r = rows + (size_t)(j + t) * D;
#pragma GCC unroll 4
      for (int u = 0; u < nv; u++) a[t][u] += vload(r + u * VW) * pj;
    }
  }
  for (; j < n; j++)
#pragma GCC unroll 4
    for (int u = 0; u < nv; u++) a[0][u] += vload(rows + (size_t)j * D + u * VW) * p[j];
#pragma GCC unroll 4
  for (int u = 0; u < nv; u++) vstore(out + u * VW, vload(out + u * VW) + a[0][u] + a[1][u]);
}

static void mix_rows(float *restrict out, const float *restrict p, const float *restrict rows, int n, int D) {
  int d0 = 0;
  for (; d0 + NV * VW <= D; d0 += NV * VW) mix_rows_nv(out + d0, p, rows + d0, n, D, NV);
  switch ((D - d0) / VW) {
    case 1: mix_rows_nv(out + d0, p, rows + d0, n, D, 1); break;
#if NV > 2
    case 2: mix_rows_nv(out + d0, p, rows + d0, n, D, 2); break;
    case 3: mix_rows_nv(out + d0, p, rows + d0, n, D, 3); break;
#endif
  }
  d0 += (D - d0) / VW * VW;
  if (d0 < D)
    for (int j = 0; j < n; j++)
      for (int d = d0; d < D; d++) out[d] += p[j] * rows[(size_t)j * D + d];
}

/* rows [from, to) of one step; returns 0 when scratch memory cannot be had */
static int step_rows(Model *m, Scratch *sc, const Step *st, int from, int to) {
  const int C = m->C, H = m->H, D = m->D, L = m->L, Cs = m->Cs, V = m->V;
  const int n = to - from;
  if (n <= 0) return 1;
  const int M = n; /* rows of this call's scratch */
  const int P = st->P, Pg = st->Pg, T = Pg + P + 1;
  const int R = st->G > 0 ? st->B / st->G : 1;
  if (!scratch_fit(m, sc, M, T)) return 0;
  float *x = sc->x, *h = sc->h, *qkv = sc->qkv, *y = sc->y, *u = sc->u, *s = sc->att;
  const int ldq = m->layers[0].qkv.Np, ldu = m->layers[0].fc.Np;
  memset(x, 0, (size_t)M * Cs * sizeof(float));
  for (int i = 0; i < n; i++) {
    const int b = from + i;
    const float *te = m->wte + (size_t)st->ids[b] * C;
    const float *pe = m->wpe + (size_t)st->positions[b] * C;
    for (int c = 0; c < C; c++) x[(size_t)i * Cs + c] = te[c] + pe[c];
  }
  for (int l = 0; l < L; l++) {
    const Layer *ly = &m->layers[l];
    for (int i = 0; i < M; i++) layer_norm(x + (size_t)i * Cs, h + (size_t)i * Cs, C, ly->ln1g, ly->ln1b, m->eps);
    linear(&ly->qkv, h, Cs, qkv, ldq, M, 0);
    const float *pk = st->pastK[l], *pv = st->pastV[l];
    for (int i = 0; i < n; i++) {
      const int b = from + i;
      const int g = b / R;
      const float *row = qkv + (size_t)i * ldq;
      const float *maskRow = st->mask + (size_t)b * T;
      for (int hd = 0; hd < H; hd++) {
        const float *q = row + hd * D;
        const float *k = row + C + hd * D;
        const float *v = row + 2 * C + hd * D;
        float *kvOut = st->kv + ((size_t)(b * H + hd) * 2 * L + 2 * l) * D;
        memcpy(kvOut, k, (size_t)D * sizeof(float));
        memcpy(kvOut + D, v, (size_t)D * sizeof(float));
        /* scores over [prefix | private | new] */
        if (Pg > 0) scores_transposed(s, q, st->preK[l] + (size_t)(g * H + hd) * D * Pg, Pg, D);
        const float *kb = pk + (size_t)(b * H + hd) * P * D; /* (P,D) */
        for (int j = 0; j < P; j++) s[Pg + j] = dot(q, kb + (size_t)j * D, D);
        s[Pg + P] = dot(q, k, D);
        for (int j = 0; j < T; j++) s[j] += maskRow[j];
        softmax(s, T);
        float *out = y + (size_t)i * Cs + hd * D;
        for (int d = 0; d < D; d++) out[d] = s[Pg + P] * v[d];
        if (Pg > 0) mix_rows(out, s, st->preV[l] + (size_t)(g * H + hd) * Pg * D, Pg, D);
        mix_rows(out, s + Pg, pv + (size_t)(b * H + hd) * P * D, P, D);
      }
    }
    linear(&ly->proj, y, Cs, x, Cs, M, 1);
    for (int i = 0; i < M; i++) layer_norm(x + (size_t)i * Cs, h + (size_t)i * Cs, C, ly->ln2g, ly->ln2b, m->eps);
    linear(&ly->fc, h, Cs, u, ldu, M, 0);
    /* exact GELU: x·(1 + erf(x/√2))/2 */
    for (size_t j = 0; j < (size_t)M * ldu; j += VW) {
      vf a = vload(u + j);
      vstore(u + j, 0.5f * a * (1.0f + verf(a * 0.70710678118654752f)));
    }
    linear(&ly->out, u, ldu, x, Cs, M, 1);
  }
  for (int i = 0; i < M; i++) layer_norm(x + (size_t)i * Cs, h + (size_t)i * Cs, C, m->lnfg, m->lnfb, m->eps);
  const int ldl = m->head.Np;
  linear(&m->head, h, Cs, sc->logits, ldl, M, 0);
  for (int i = 0; i < n; i++) {
    const float *lg = sc->logits + (size_t)i * ldl;
    float *lp = st->scores + (size_t)(from + i) * 2 * V;
    float *pr = lp + V;
    const float mx = max_of(lg, V);
    float sum = 0.0f;
    int j = 0;
    vf acc = {0};
    for (; j + VW <= V; j += VW) acc += vexp(vload(lg + j) - mx);
    sum += hsum(acc);
    for (; j < V; j++) sum += sexp(lg[j] - mx);
    /* (x − max) − log Σ, as onnxruntime rounds it (max + log Σ first loses bits when max is large) */
    const float ls = logf(sum);
    for (j = 0; j + VW <= V; j += VW) {
      vf a = (vload(lg + j) - mx) - ls;
      vstore(lp + j, a);
      vstore(pr + j, vexp(a));
    }
    for (; j < V; j++) {
      lp[j] = (lg[j] - mx) - ls;
      pr[j] = sexp(lp[j]);
    }
  }
  return 1;
}

/* ---- the worker thread ---- */

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* How long the worker spins for the next step before it sleeps: steps follow each other within
 * tens of microseconds while a generate runs, and a sleeping thread takes longer to wake. */
#define SPIN_US 50.0

static void scratch_free(Scratch *s) {
  free(s->x), free(s->h), free(s->qkv), free(s->y), free(s->u), free(s->logits), free(s->att);
}

static void *worker_main(void *arg) {
  Worker *w = arg;
  unsigned seen = 0;
  for (;;) {
    unsigned ph = atomic_load_explicit(&w->phase, memory_order_acquire);
    if (ph == seen) {
      const double until = now_us() + SPIN_US;
      for (int spin = 0; ph == seen; spin++) {
        cpu_relax();
        ph = atomic_load_explicit(&w->phase, memory_order_acquire);
        if ((spin & 63) == 63 && now_us() > until) break;
      }
    }
    if (ph == seen) {
      pthread_mutex_lock(&w->mu);
      while ((ph = atomic_load_explicit(&w->phase, memory_order_acquire)) == seen && !atomic_load(&w->quit))
        pthread_cond_wait(&w->cv, &w->mu);
      pthread_mutex_unlock(&w->mu);
    }
    if (atomic_load(&w->quit)) return NULL;
    /* ph is odd: a job was posted */
    w->ok = step_rows(w->m, &w->scratch, w->job, w->from, w->to);
    seen = ph + 1;
    atomic_store_explicit(&w->phase, seen, memory_order_release);
  }
}

static void post(Worker *w, const Step *st, int from, int to) {
  w->job = st, w->from = from, w->to = to;
  const unsigned ph = atomic_load_explicit(&w->phase, memory_order_relaxed) + 1;
  pthread_mutex_lock(&w->mu);
  atomic_store_explicit(&w->phase, ph, memory_order_release);
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

/* wait for a posted job; 0 when it ran out of memory */
static int await_job(Worker *w) {
  /* a worker's share takes about as long as the caller's; yield the core if it was descheduled */
  for (int spin = 0; atomic_load_explicit(&w->phase, memory_order_relaxed) & 1u; spin++) {
    cpu_relax();
    if (spin > 4096) sched_yield();
  }
  atomic_thread_fence(memory_order_acquire);
  return w->ok;
}

/*
 * One step over all rows, split between the caller and the workers: equal shares on multiples
 * of MR where there are that many rows (so at most one share has a partial tile), every thread at
 * least one row. 0 when out of memory.
 */
static int run_step(Model *m, const Step *st) {
  const int B = st->B;
  const int T = 1 + m->nworkers < B ? 1 + m->nworkers : B;
  const int even = (B + T - 1) / T;
  const int share = B >= T * MR ? round_up(even, MR) : even;
  int posted = 0;
  for (int t = 1; t < T && t * share < B; t++, posted++)
    post(&m->workers[t - 1], st, t * share, (t + 1) * share < B ? (t + 1) * share : B);
  int ok = step_rows(m, &m->scratch, st, 0, share < B ? share : B);
  for (int t = 0; t < posted; t++) ok = await_job(&m->workers[t]) && ok;
  return ok;
}

static void model_free(Model *m) {
  if (m == NULL) return;
  for (int t = 0; t < m->nworkers; t++) {
    Worker *w = &m->workers[t];
    pthread_mutex_lock(&w->mu);
    atomic_store(&w->quit, 1);
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    scratch_free(&w->scratch);
  }
  free(m->workers);
  free(m->wte), free(m->wpe), free(m->lnfg), free(m->lnfb);
  if (m->layers != NULL)
    for (int l = 0; l < m->L; l++) {
      Layer *ly = &m->layers[l];
      free(ly->ln1g), free(ly->ln1b), free(ly->ln2g), free(ly->ln2b);
      Linear *ls[] = {&ly->qkv, &ly->proj, &ly->fc, &ly->out};
      for (int k = 0; k < 4; k++) free(ls[k]->w), free(ls[k]->b);
    }
  free(m->layers);
  free(m->head.w), free(m->head.b);
  scratch_free(&m->scratch);
  free(m);
}

/* start threads − 1 workers (fewer if the system refuses more threads) */
static int start_workers(Model *m, int threads) {
  m->workers = calloc((size_t)(threads - 1), sizeof(Worker));
  if (m->workers == NULL) return 0;
  for (int t = 0; t < threads - 1; t++) {
    Worker *w = &m->workers[t];
    w->m = m;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    atomic_init(&w->phase, 0);
    atomic_init(&w->quit, 0);
    if (pthread_create(&w->th, NULL, worker_main, w) != 0) {
      pthread_mutex_destroy(&w->mu);
      pthread_cond_destroy(&w->cv);
      break;
    }
    m->nworkers++;
  }
  return 1;
}

/* ---- N-API glue ---- */

#define CHECK(env, call)                                                                                               \
  do {                                                                                                                 \
    if ((call) != napi_ok) {                                                                                           \
      napi_throw_error((env), "E_NATIVE", "secplay step: N-API call failed: " #call);                                 \
      return NULL;                                                                                                     \
    }                                                                                                                  \
  } while (0)

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_error(env, "E_NATIVE", msg);
  return NULL;
}

/* externals carry a type tag, so a step handle is never taken for a model or the other way round */
static const napi_type_tag MODEL_TAG = {0x5ec91a7e57e90001ULL, 0x6d6f64656c5f7631ULL};
static const napi_type_tag STEP_TAG = {0x5ec91a7e57e90002ULL, 0x737465705f5f7631ULL};

static int unwrap(napi_env env, napi_value v, const napi_type_tag *tag, void **out) {
  bool ok = false;
  return napi_check_object_type_tag(env, v, tag, &ok) == napi_ok && ok && napi_get_value_external(env, v, out) == napi_ok;
}

static int wrap(napi_env env, void *data, napi_finalize fin, const napi_type_tag *tag, napi_value *out) {
  return napi_create_external(env, data, fin, NULL, out) == napi_ok && napi_type_tag_object(env, *out, tag) == napi_ok;
}

/* a typed array's data and element count, checked against its expected type */
static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type t;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, v, &t, len, data, &ab, &off) != napi_ok) return 0;
  return t == want;
}

static int get_int(napi_env env, napi_value obj, const char *key, int *out) {
  napi_value v;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok) return 0;
  return napi_get_value_int32(env, v, out) == napi_ok;
}

/* what JavaScript holds: the model until release() (or collection) frees it */
typedef struct {
  Model *m;
} Box;

static void drop_model(napi_env env, Box *box) {
  if (box->m == NULL) return;
  napi_adjust_external_memory(env, -(int64_t)box->m->bytes, &(int64_t){0});
  model_free(box->m);
  box->m = NULL;
}

static void finalize_model(napi_env env, void *data, void *hint) {
  (void)hint;
  drop_model(env, data);
  free(data);
}

static float *copy_of(const float *src, size_t n) {
  float *p = xalloc(n * sizeof(float));
  if (p != NULL) memcpy(p, src, n * sizeof(float));
  return p;
}

/*
 * create({vocab, context, dModel, layers, heads, hidden, tied, threads}, eps, params[]) → model.
 * params in order: wte, wpe, per layer ln_1 g/b, c_attn W/b, attn c_proj W/b, ln_2 g/b, c_fc W/b,
 * mlp c_proj W/b, then ln_f g/b and head W (absent when tied). The query columns of c_attn are
 * scaled by 1/√D here, as the step graph folds them.
 */
static napi_value create(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) return fail(env, "create(config, eps, params) needs 3 arguments");
  int V, T, C, L, H, F, tied, threads;
  if (!get_int(env, argv[0], "vocab", &V) || !get_int(env, argv[0], "context", &T) ||
      !get_int(env, argv[0], "dModel", &C) || !get_int(env, argv[0], "layers", &L) ||
      !get_int(env, argv[0], "heads", &H) || !get_int(env, argv[0], "hidden", &F) ||
      !get_int(env, argv[0], "tied", &tied) || !get_int(env, argv[0], "threads", &threads))
    return fail(env, "create: config needs integer vocab, context, dModel, layers, heads, hidden, tied, threads");
  if (V < 1 || T < 1 || C < 1 || H < 1 || F < 1 || C % H != 0 || L < 1 || L > 128 || V > (1 << 24) ||
      T > (1 << 24) || C > (1 << 16) || F > (1 << 20))
    return fail(env, "create: bad model dimensions");
  if (threads < 1 || threads > MAX_THREADS) return fail(env, "create: threads must be 1 to 16");
  double eps;
  CHECK(env, napi_get_value_double(env, argv[1], &eps));
  uint32_t np;
  CHECK(env, napi_get_array_length(env, argv[2], &np));
  const uint32_t want = 2 + 12 * (uint32_t)L + 2 + (tied ? 0 : 1);
  if (np != want) return fail(env, "create: wrong number of parameter tensors");
  const float *p[2 + 12 * 128 + 3];
  const size_t sizes12[12] = {(size_t)C, (size_t)C, (size_t)C * 3 * C, 3 * (size_t)C, (size_t)C * C, (size_t)C,
                              (size_t)C, (size_t)C, (size_t)C * F,     (size_t)F,     (size_t)F * C, (size_t)C};
  for (uint32_t i = 0; i < np; i++) {
    napi_value e;
    CHECK(env, napi_get_element(env, argv[2], i, &e));
    void *d;
    size_t n;
    if (!typed(env, e, napi_float32_array, &d, &n)) return fail(env, "create: parameters must be Float32Arrays");
    size_t need;
    if (i == 0) need = (size_t)V * C;
    else if (i == 1) need = (size_t)T * C;
    else if (i < 2 + 12 * (uint32_t)L) need = sizes12[(i - 2) % 12];
    else if (i < 4 + 12 * (uint32_t)L) need = (size_t)C;
    else need = (size_t)C * V;
    if (n != need) return fail(env, "create: a parameter tensor has the wrong size");
    p[i] = d;
  }
  Model *m = calloc(1, sizeof(Model));
  if (m == NULL) return fail(env, "create: out of memory");
  m->V = V, m->T = T, m->C = C, m->L = L, m->H = H, m->D = C / H, m->F = F, m->eps = (float)eps;
  m->Cs = round_up(C, NR);
  int ok = (m->wte = copy_of(p[0], (size_t)V * C)) && (m->wpe = copy_of(p[1], (size_t)T * C)) &&
           (m->layers = calloc((size_t)L, sizeof(Layer)));
  const double qs = 1.0 / sqrt((double)(C / H)); /* rounded once per weight, as foldQueryScale does */
  for (int l = 0; ok && l < L; l++) {
    const float **q = p + 2 + 12 * l;
    Layer *ly = &m->layers[l];
    float *wq = copy_of(q[2], (size_t)C * 3 * C);
    float *bq = copy_of(q[3], 3 * (size_t)C);
    ok = wq && bq;
    if (ok) {
      for (int i = 0; i < C; i++)
        for (int j = 0; j < C; j++) wq[(size_t)i * 3 * C + j] = (float)(wq[(size_t)i * 3 * C + j] * qs);
      for (int j = 0; j < C; j++) bq[j] = (float)(bq[j] * qs);
    }
    ok = ok && (ly->ln1g = copy_of(q[0], C)) && (ly->ln1b = copy_of(q[1], C)) && pack(&ly->qkv, wq, bq, C, 3 * C, 0) &&
         pack(&ly->proj, q[4], q[5], C, C, 0) && (ly->ln2g = copy_of(q[6], C)) && (ly->ln2b = copy_of(q[7], C)) &&
         pack(&ly->fc, q[8], q[9], C, F, 0) && pack(&ly->out, q[10], q[11], F, C, 0);
    free(wq), free(bq);
    if (ok)
      m->bytes += sizeof(float) * ((size_t)(ly->qkv.Np + ly->proj.Np + ly->fc.Np) * (C + 1) +
                                   (size_t)ly->out.Np * (F + 1) + 4 * (size_t)C);
  }
  const float **f = p + 2 + 12 * L;
  ok = ok && (m->lnfg = copy_of(f[0], C)) && (m->lnfb = copy_of(f[1], C)) &&
       (tied ? pack(&m->head, p[0], NULL, C, V, 1) : pack(&m->head, f[2], NULL, C, V, 0));
  m->bytes += sizeof(float) * ((size_t)(V + T) * C + (size_t)m->head.Np * (C + 1));
  if (ok && threads > 1) ok = start_workers(m, threads);
  if (!ok) {
    model_free(m);
    return fail(env, "create: out of memory");
  }
  Box *box = malloc(sizeof(Box));
  napi_value ext;
  if (box == NULL) {
    model_free(m);
    return fail(env, "create: out of memory");
  }
  box->m = m;
  if (!wrap(env, box, finalize_model, &MODEL_TAG, &ext)) {
    model_free(m);
    free(box);
    return fail(env, "create: cannot wrap the model");
  }
  napi_adjust_external_memory(env, (int64_t)m->bytes, &(int64_t){0});
  return ext;
}

/* one buffer of a bound step: what it must be, and a reference that keeps it alive */
typedef struct {
  napi_ref ref;
  napi_typedarray_type type;
  size_t len;
  const void **slot; /* where run() puts its current data pointer */
} Buf;

/* a bound step: the model and the buffers, checked again by every run */
typedef struct {
  Box *box;
  napi_ref model;
  Step st;
  int nbufs;
  Buf bufs[5 + 4 * 128];
  const float *ptrs[4 * 128];
  const int64_t *ids64, *pos64;
  int *ids, *positions; /* validated copies: what the kernel reads */
} Bound;

static void finalize_bound(napi_env env, void *data, void *hint) {
  (void)hint;
  Bound *b = data;
  for (int i = 0; i < b->nbufs; i++) napi_delete_reference(env, b->bufs[i].ref);
  if (b->model != NULL) napi_delete_reference(env, b->model);
  free(b->ids), free(b->positions);
  free(b);
}

static const char *keep(napi_env env, Bound *b, napi_value v, napi_typedarray_type type, size_t len, const void **slot) {
  void *d;
  size_t n;
  if (!typed(env, v, type, &d, &n) || n != len) return "wrong type or size";
  Buf *buf = &b->bufs[b->nbufs];
  if (napi_create_reference(env, v, 1, &buf->ref) != napi_ok) return "cannot keep it";
  buf->type = type, buf->len = len, buf->slot = slot;
  *slot = d;
  b->nbufs++;
  return NULL;
}

/*
 * bind(model, {rows, slots, prefixSlots, groups}, ids, positions, mask, pastK[], pastV[],
 * prefixK[] | null, prefixV[] | null, scores, kv) → step: sizes checked here and at every run.
 */
static napi_value bind(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value a[11];
  CHECK(env, napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 11) return fail(env, "bind needs 11 arguments");
  Box *box;
  if (!unwrap(env, a[0], &MODEL_TAG, (void **)&box)) return fail(env, "bind: the first argument is not a model");
  const Model *m = box->m;
  if (m == NULL) return fail(env, "bind: the model was released");
  int B, P, Pg, G;
  if (!get_int(env, a[1], "rows", &B) || !get_int(env, a[1], "slots", &P) || !get_int(env, a[1], "prefixSlots", &Pg) ||
      !get_int(env, a[1], "groups", &G))
    return fail(env, "bind: shape needs integer rows, slots, prefixSlots, groups");
  if (B < 1 || P < 0 || Pg < 0 || G < 0 || B > (1 << 16) || P > (1 << 24) || Pg > (1 << 24) || (G > 0 && B % G != 0) ||
      (Pg > 0 && G == 0))
    return fail(env, "bind: bad shape (rows must be a multiple of groups; a prefix needs groups)");
  Bound *b = calloc(1, sizeof(Bound));
  if (b == NULL) return fail(env, "bind: out of memory");
  const int H = m->H, D = m->D, L = m->L, V = m->V, T = Pg + P + 1;
  b->box = box;
  b->st.B = B, b->st.P = P, b->st.Pg = Pg, b->st.G = G;
  b->st.pastK = b->ptrs, b->st.pastV = b->ptrs + L, b->st.preK = b->ptrs + 2 * L, b->st.preV = b->ptrs + 3 * L;
  b->ids = malloc((size_t)B * sizeof(int));
  b->positions = malloc((size_t)B * sizeof(int));
  b->st.ids = b->ids, b->st.positions = b->positions;
  const char *err = b->ids == NULL || b->positions == NULL ? "bind: out of memory" : NULL;
  if (err == NULL && napi_create_reference(env, a[0], 1, &b->model) != napi_ok) err = "bind: cannot keep the model";
  static const char *names[] = {"ids (BigInt64Array(rows))", "positions (BigInt64Array(rows))",
                                "mask (Float32Array(rows·(prefixSlots+slots+1)))", "scores (Float32Array(rows·2·vocab))",
                                "kv (Float32Array(rows·heads·2·layers·headDim))"};
  const int args[] = {2, 3, 4, 9, 10};
  const napi_typedarray_type types[] = {napi_bigint64_array, napi_bigint64_array, napi_float32_array, napi_float32_array,
                                        napi_float32_array};
  const size_t lens[] = {(size_t)B, (size_t)B, (size_t)B * T, (size_t)B * 2 * V, (size_t)B * H * 2 * L * D};
  const void **slots[] = {(const void **)&b->ids64, (const void **)&b->pos64, (const void **)&b->st.mask,
                          (const void **)&b->st.scores, (const void **)&b->st.kv};
  static char msg[256];
  for (int k = 0; err == NULL && k < 5; k++) {
    const char *why = keep(env, b, a[args[k]], types[k], lens[k], slots[k]);
    if (why != NULL) snprintf(msg, sizeof msg, "bind: %s: %s", names[k], why), err = msg;
  }
  const size_t per[4] = {(size_t)B * H * P * D, (size_t)B * H * P * D, (size_t)G * H * D * Pg, (size_t)G * H * Pg * D};
  for (int k = 0; err == NULL && k < 4; k++) {
    if (k >= 2 && G == 0) break;
    uint32_t len;
    if (napi_get_array_length(env, a[5 + k], &len) != napi_ok || len != (uint32_t)L) {
      err = "bind: caches must be arrays with one Float32Array per layer";
      break;
    }
    for (int l = 0; err == NULL && l < L; l++) {
      napi_value e;
      if (napi_get_element(env, a[5 + k], l, &e) != napi_ok) err = "bind: cannot read a cache buffer";
      else if (keep(env, b, e, napi_float32_array, per[k], (const void **)&b->ptrs[k * L + l]) != NULL)
        err = "bind: a cache buffer has the wrong type or size";
    }
  }
  napi_value ext;
  if (err != NULL || !wrap(env, b, finalize_bound, &STEP_TAG, &ext)) {
    finalize_bound(env, b, NULL);
    return fail(env, err != NULL ? err : "bind: cannot wrap the step");
  }
  return ext;
}

/*
 * run(step): one decoding step over the bound buffers. Every buffer is looked up again (one that
 * was detached or resized is refused, never read), and ids and positions are checked and copied
 * before the kernel reads them.
 */
static napi_value run(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Bound *b;
  if (argc < 1 || !unwrap(env, a[0], &STEP_TAG, (void **)&b)) return fail(env, "run(step) needs a bound step");
  Model *m = b->box->m;
  if (m == NULL) return fail(env, "run: the model was released");
  for (int i = 0; i < b->nbufs; i++) {
    const Buf *buf = &b->bufs[i];
    napi_value v;
    void *d;
    size_t n;
    if (napi_get_reference_value(env, buf->ref, &v) != napi_ok || v == NULL || !typed(env, v, buf->type, &d, &n) ||
        n != buf->len)
      return fail(env, "run: a bound buffer was detached or resized");
    *buf->slot = d;
  }
  for (int i = 0; i < b->st.B; i++) {
    const int64_t id = b->ids64[i], pos = b->pos64[i];
    if (id < 0 || id >= m->V) return fail(env, "run: a token id is outside the vocabulary");
    if (pos < 0 || pos >= m->T) return fail(env, "run: a position is outside the context");
    b->ids[i] = (int)id;
    b->positions[i] = (int)pos;
  }
  if (!run_step(m, &b->st)) return fail(env, "run: out of memory");
  return NULL;
}

/* release(model): free the packed weights and stop the worker now; bound steps then refuse to run */
static napi_value release(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  Box *box;
  if (argc < 1 || !unwrap(env, a[0], &MODEL_TAG, (void **)&box)) return fail(env, "release(model) needs a model");
  drop_model(env, box);
  return NULL;
}

/* the vector width and panel width this build uses (for the benchmark's report) */
static napi_value features(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value o, v;
  CHECK(env, napi_create_object(env, &o));
  CHECK(env, napi_create_int32(env, VW, &v));
  CHECK(env, napi_set_named_property(env, o, "vectorWidth", v));
  CHECK(env, napi_create_int32(env, NR, &v));
  CHECK(env, napi_set_named_property(env, o, "panelWidth", v));
  return o;
}

static napi_value init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"create", NULL, create, NULL, NULL, NULL, napi_default, NULL},
      {"bind", NULL, bind, NULL, NULL, NULL, napi_default, NULL},
      {"run", NULL, run, NULL, NULL, NULL, napi_default, NULL},
      {"release", NULL, release, NULL, NULL, NULL, napi_default, NULL},
      {"features", NULL, features, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
