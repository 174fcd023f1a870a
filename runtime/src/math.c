/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The transcendental functions of the C math library that Rust's f64 and
 * f32 methods call (sin, exp, ln, powf, ...); the simple ones (floor,
 * fmod, fma, cbrt, ...) come with Rust's compiler_builtins. Each is
 * computed with the x87 unit's 64-bit-mantissa arithmetic and instructions
 * (fyl2x, f2xm1, fpatan, fsincos), then rounded once to the result type:
 * faithful (within one unit in the last place), not always correctly
 * rounded. Special values (NaN, infinities, signed zeros) follow C99
 * Annex F. The float versions compute in double. Pure: host-tested
 * against the host's libm.
 */
#include <stdint.h>

typedef long double ext; /* the x87 80-bit format on x86_64 */

#define LN2 0.693147180559945309417232121458176568L
#define LOG2E 1.44269504088896340735992468100189214L
#define TWO_PI 6.28318530717958647692528676655900577L
#define FPREM_INCOMPLETE 0x400 /* C2 in the x87 status word */

static int is_nan(double x)
{
    return x != x;
}

static int is_inf(double x)
{
    return x == __builtin_inf() || x == -__builtin_inf();
}

static double make_nan(void)
{
    return __builtin_nan("");
}

/* y * log2(x), rounded once */
static ext y_log2_x(ext y, ext x)
{
    ext r;
    __asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* y * log2(1 + x), for |x| < 1 - sqrt(2)/2 */
static ext y_log2_1p_x(ext y, ext x)
{
    ext r;
    __asm__("fyl2xp1" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* 2^x - 1 for |x| <= 1 */
static ext exp2_minus_1(ext x)
{
    ext r;
    __asm__("f2xm1" : "=t"(r) : "0"(x));
    return r;
}

static ext round_to_integer(ext x)
{
    ext r;
    __asm__("frndint" : "=t"(r) : "0"(x));
    return r;
}

/* x * 2^n for an integral n */
static ext scale(ext x, ext n)
{
    ext r;
    __asm__("fscale" : "=t"(r) : "0"(x), "u"(n));
    return r;
}

static ext ext_sqrt(ext x)
{
    ext r;
    __asm__("fsqrt" : "=t"(r) : "0"(x));
    return r;
}

/* atan(y / x) in the quadrant of (x, y) */
static ext ext_atan2(ext y, ext x)
{
    ext r;
    __asm__("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* 2^t for a finite t (any size: fscale saturates to 0 or infinity) */
static ext ext_exp2(ext t)
{
    ext n = round_to_integer(t);
    return scale(exp2_minus_1(t - n) + 1.0L, n);
}

/* pi/2 in three parts (32, 32 and 64 significant bits), so that k * part
 * is exact for |k| < 2^30, and 2/pi (Cody and Waite's reduction) */
#define PIO2_1 0xc90fdaa2p-31L
#define PIO2_2 0x85a308d3p-65L
#define PIO2_3 0x98cc51701b839a25p-132L
#define TWO_OVER_PI 0xa2f9836e4e44152ap-64L
#define REDUCTION_LIMIT 1073741824.0 /* 2^30 */

/* Writes x - k * pi/2 (at most about pi/4 in size) and returns k mod 4.
 * The x87 unit's own reduction uses a 66-bit pi, too coarse near the
 * zeros of sin and cos, so it only serves beyond 2^30, where the fprem1
 * reduction below gives a rough answer. */
static int reduce_quadrant(double x, ext *r)
{
    if (x > -REDUCTION_LIMIT && x < REDUCTION_LIMIT) {
        ext k = round_to_integer((ext)x * TWO_OVER_PI);
        *r = (((ext)x - k * PIO2_1) - k * PIO2_2) - k * PIO2_3;
        return (int)((int64_t)k & 3);
    }
    ext reduced;
    __asm__("1: fprem1\n\tfnstsw %%ax\n\ttestw %2, %%ax\n\tjnz 1b"
            : "=t"(reduced)
            : "0"((ext)x), "i"(FPREM_INCOMPLETE), "u"(TWO_PI)
            : "ax", "cc");
    *r = reduced;
    return 0;
}

/* sin and cos of x, through its quadrant */
static void sin_cos(double x, ext *sine, ext *cosine)
{
    ext r, s, c;
    int quadrant = reduce_quadrant(x, &r);
    __asm__("fsincos" : "=t"(c), "=u"(s) : "0"(r));
    switch (quadrant) {
    case 0:
        *sine = s;
        *cosine = c;
        break;
    case 1:
        *sine = c;
        *cosine = -s;
        break;
    case 2:
        *sine = -s;
        *cosine = -c;
        break;
    default:
        *sine = -c;
        *cosine = s;
        break;
    }
}

double exp2(double x)
{
    if (is_nan(x)) {
        return x;
    }
    if (is_inf(x)) {
        return x > 0 ? x : 0.0;
    }
    return (double)ext_exp2(x);
}

double exp(double x)
{
    if (is_nan(x)) {
        return x;
    }
    if (is_inf(x)) {
        return x > 0 ? x : 0.0;
    }
    return (double)ext_exp2((ext)x * LOG2E);
}

double expm1(double x)
{
    if (is_nan(x) || x == 0.0) {
        return x;
    }
    if (is_inf(x)) {
        return x > 0 ? x : -1.0;
    }
    ext t = (ext)x * LOG2E;
    if (t >= -1.0L && t <= 1.0L) {
        return (double)exp2_minus_1(t); /* keeps full precision near 0 */
    }
    return (double)(ext_exp2(t) - 1.0L);
}

double log(double x)
{
    return (double)y_log2_x(LN2, x);
}

double log2(double x)
{
    return (double)y_log2_x(1.0L, x);
}

double log10(double x)
{
    return (double)y_log2_x(0.301029995663981195213738894724493027L, x);
}

double log1p(double x)
{
    if (is_nan(x) || x == 0.0) {
        return x;
    }
    if (x > -0.29 && x < 0.29) {
        return (double)y_log2_1p_x(LN2, x);
    }
    return (double)y_log2_x(LN2, 1.0L + (ext)x);
}

static int is_integer(double y)
{
    return !is_inf(y) && (ext)y == round_to_integer(y);
}

static int is_odd_integer(double y)
{
    /* every double of magnitude 2^53 or more is even */
    return is_integer(y) && y > -9007199254740992.0 && y < 9007199254740992.0 &&
           ((int64_t)y & 1) != 0;
}

double pow(double x, double y)
{
    if (y == 0.0 || x == 1.0) {
        return 1.0;
    }
    if (is_nan(x) || is_nan(y)) {
        return make_nan();
    }
    int odd = is_odd_integer(y);
    if (x == 0.0) {
        double zero_sign = odd ? x : 0.0; /* keeps -0 for odd y */
        if (y < 0) {
            return odd ? 1.0 / zero_sign : __builtin_inf();
        }
        return zero_sign;
    }
    if (is_inf(y)) {
        double magnitude = x < 0 ? -x : x;
        if (magnitude == 1.0) {
            return 1.0;
        }
        return (magnitude < 1.0) == (y < 0) ? __builtin_inf() : 0.0;
    }
    if (is_inf(x)) {
        double result = y < 0 ? 0.0 : __builtin_inf();
        return x < 0 && odd ? -result : result;
    }
    if (x < 0 && !is_integer(y)) {
        return make_nan();
    }
    ext magnitude = x < 0 ? -(ext)x : (ext)x;
    double result = (double)ext_exp2(y_log2_x(y, magnitude));
    return x < 0 && odd ? -result : result;
}

double sin(double x)
{
    if (is_nan(x) || is_inf(x)) {
        return x - x;
    }
    if (x == 0.0) {
        return x; /* keeps the sign of zero */
    }
    ext sine, cosine;
    sin_cos(x, &sine, &cosine);
    return (double)sine;
}

double cos(double x)
{
    if (is_nan(x) || is_inf(x)) {
        return x - x;
    }
    ext sine, cosine;
    sin_cos(x, &sine, &cosine);
    return (double)cosine;
}

void sincos(double x, double *s, double *c)
{
    if (is_nan(x) || is_inf(x)) {
        *s = *c = x - x;
        return;
    }
    if (x == 0.0) {
        *s = x;
        *c = 1.0;
        return;
    }
    ext sine, cosine;
    sin_cos(x, &sine, &cosine);
    *s = (double)sine;
    *c = (double)cosine;
}

double tan(double x)
{
    if (is_nan(x) || is_inf(x)) {
        return x - x;
    }
    if (x == 0.0) {
        return x; /* keeps the sign of zero */
    }
    ext sine, cosine;
    sin_cos(x, &sine, &cosine);
    return (double)(sine / cosine);
}

double atan2(double y, double x)
{
    if (is_nan(x) || is_nan(y)) {
        return x + y;
    }
    return (double)ext_atan2(y, x);
}

double atan(double x)
{
    if (is_nan(x)) {
        return x;
    }
    return (double)ext_atan2(x, 1.0L);
}

double asin(double x)
{
    if (is_nan(x) || x > 1.0 || x < -1.0) {
        return make_nan();
    }
    ext e = x;
    return (double)ext_atan2(e, ext_sqrt((1.0L - e) * (1.0L + e)));
}

double acos(double x)
{
    if (is_nan(x) || x > 1.0 || x < -1.0) {
        return make_nan();
    }
    ext e = x;
    return (double)ext_atan2(ext_sqrt((1.0L - e) * (1.0L + e)), e);
}

double sinh(double x)
{
    if (is_nan(x) || is_inf(x) || x == 0.0) {
        return x;
    }
    ext a = x < 0 ? -(ext)x : (ext)x;
    ext t = a * LOG2E;
    /* e^a - e^-a from e^a - 1, which stays precise for small a */
    ext r;
    if (t > 64.0L) {
        r = ext_exp2(t - 1.0L); /* e^-a is below the last bit; no inf / inf */
    } else {
        ext m = t <= 1.0L ? exp2_minus_1(t) : ext_exp2(t) - 1.0L;
        r = (m + m / (m + 1.0L)) / 2.0L;
    }
    return (double)(x < 0 ? -r : r);
}

double cosh(double x)
{
    if (is_nan(x)) {
        return x;
    }
    if (is_inf(x)) {
        return __builtin_inf();
    }
    ext e = ext_exp2((ext)x * LOG2E);
    return (double)((e + 1.0L / e) / 2.0L);
}

double tanh(double x)
{
    if (is_nan(x) || x == 0.0) {
        return x;
    }
    if (x > 22.0 || x < -22.0) {
        return x > 0 ? 1.0 : -1.0; /* within half an ulp of 1 */
    }
    ext a = x < 0 ? -(ext)x : (ext)x;
    ext t = 2.0L * a * LOG2E;
    ext m = t <= 1.0L ? exp2_minus_1(t) : ext_exp2(t) - 1.0L;
    ext r = m / (m + 2.0L);
    return (double)(x < 0 ? -r : r);
}

double hypot(double x, double y)
{
    if (is_inf(x) || is_inf(y)) {
        return __builtin_inf();
    }
    if (is_nan(x) || is_nan(y)) {
        return make_nan();
    }
    ext a = x, b = y; /* the 80-bit range cannot overflow here */
    return (double)ext_sqrt(a * a + b * b);
}

/* float versions: double has room for a single final rounding */
float expf(float x) { return (float)exp(x); }
float exp2f(float x) { return (float)exp2(x); }
float expm1f(float x) { return (float)expm1(x); }
float logf(float x) { return (float)log(x); }
float log2f(float x) { return (float)log2(x); }
float log10f(float x) { return (float)log10(x); }
float log1pf(float x) { return (float)log1p(x); }
float powf(float x, float y) { return (float)pow(x, y); }
float sinf(float x) { return (float)sin(x); }
float cosf(float x) { return (float)cos(x); }
float tanf(float x) { return (float)tan(x); }
float asinf(float x) { return (float)asin(x); }
float acosf(float x) { return (float)acos(x); }
float atanf(float x) { return (float)atan(x); }
float atan2f(float y, float x) { return (float)atan2(y, x); }
float sinhf(float x) { return (float)sinh(x); }
float coshf(float x) { return (float)cosh(x); }
float tanhf(float x) { return (float)tanh(x); }
float hypotf(float x, float y) { return (float)hypot(x, y); }

void sincosf(float x, float *s, float *c)
{
    double sd, cd;
    sincos(x, &sd, &cd);
    *s = (float)sd;
    *c = (float)cd;
}
