/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's math functions (built with an rt_ prefix) against the
 * host's libm: within 2 units in the last place over wide random ranges,
 * and exactly equal (sign included) on the special values of C99 Annex F.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tests.h"

double rt_exp(double), rt_exp2(double), rt_expm1(double), rt_log(double), rt_log2(double),
    rt_log10(double), rt_log1p(double), rt_pow(double, double), rt_sin(double),
    rt_cos(double), rt_tan(double), rt_atan2(double, double), rt_atan(double),
    rt_asin(double), rt_acos(double), rt_sinh(double), rt_cosh(double), rt_tanh(double),
    rt_hypot(double, double);
void rt_sincos(double, double *, double *);
float rt_sinf(float), rt_powf(float, float), rt_logf(float);

/* distance in representable doubles; 0 for two NaNs */
static uint64_t ulps(double a, double b)
{
    if (isnan(a) && isnan(b)) {
        return 0;
    }
    if (isnan(a) || isnan(b)) {
        return UINT64_MAX;
    }
    int64_t x, y;
    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    if (x < 0) {
        x = INT64_MIN - x;
    }
    if (y < 0) {
        y = INT64_MIN - y;
    }
    return x > y ? (uint64_t)x - (uint64_t)y : (uint64_t)y - (uint64_t)x;
}

static double uniform(uint64_t *seed, double low, double high)
{
    return low + (high - low) * ((double)(test_random(seed) >> 11) / 9007199254740992.0);
}

#define CLOSE(got, want, x)                                                                \
    ck_assert_msg(ulps(got, want) <= 2, "%s(%.17g) = %.17g, want %.17g", #got, (double)(x), \
                  (double)(got), (double)(want))

START_TEST(one_argument_functions_are_faithful)
{
    uint64_t seed = 77;
    for (int i = 0; i < 20000; i++) {
        double x = uniform(&seed, -700, 700);
        double small = uniform(&seed, -1, 1) * pow(10, -(double)(test_random(&seed) % 20));
        double positive = exp(uniform(&seed, -700, 700));
        double angle = uniform(&seed, -1000, 1000) * (i % 2 ? 1 : 100000);
        double unit = uniform(&seed, -1, 1);
        CLOSE(rt_exp(x), exp(x), x);
        CLOSE(rt_exp2(x), exp2(x), x);
        CLOSE(rt_expm1(small), expm1(small), small);
        CLOSE(rt_expm1(x / 10), expm1(x / 10), x / 10);
        CLOSE(rt_log(positive), log(positive), positive);
        CLOSE(rt_log2(positive), log2(positive), positive);
        CLOSE(rt_log10(positive), log10(positive), positive);
        CLOSE(rt_log1p(small), log1p(small), small);
        CLOSE(rt_log1p(positive), log1p(positive), positive);
        CLOSE(rt_sin(angle), sin(angle), angle);
        CLOSE(rt_cos(angle), cos(angle), angle);
        CLOSE(rt_tan(angle), tan(angle), angle);
        CLOSE(rt_atan(x), atan(x), x);
        CLOSE(rt_asin(unit), asin(unit), unit);
        CLOSE(rt_acos(unit), acos(unit), unit);
        CLOSE(rt_sinh(x), sinh(x), x);
        CLOSE(rt_sinh(small), sinh(small), small);
        CLOSE(rt_cosh(x), cosh(x), x);
        CLOSE(rt_tanh(x / 100), tanh(x / 100), x / 100);
        double s, c;
        rt_sincos(angle, &s, &c);
        CLOSE(s, sin(angle), angle);
        CLOSE(c, cos(angle), angle);
    }
}
END_TEST

START_TEST(two_argument_functions_are_faithful)
{
    uint64_t seed = 78;
    for (int i = 0; i < 20000; i++) {
        double x = exp(uniform(&seed, -20, 20));
        double y = uniform(&seed, -30, 30);
        double a = uniform(&seed, -1e6, 1e6), b = uniform(&seed, -1e6, 1e6);
        CLOSE(rt_pow(x, y), pow(x, y), x);
        double integral = (double)(int64_t)uniform(&seed, -40, 40);
        CLOSE(rt_pow(-x, integral), pow(-x, integral), -x);
        CLOSE(rt_atan2(a, b), atan2(a, b), a);
        CLOSE(rt_hypot(a, b), hypot(a, b), a);
        CLOSE(rt_hypot(a * 1e300, b * 1e300), hypot(a * 1e300, b * 1e300), a);
    }
    /* exact cases people test with */
    ck_assert(rt_pow(2, 10) == 1024);
    ck_assert(rt_pow(10, 2) == 100);
    ck_assert(rt_pow(2, 0.5) == sqrt(2));
    ck_assert(rt_log(1) == 0);
    ck_assert(rt_log2(1024) == 10);
    ck_assert(rt_exp(0) == 1);
}
END_TEST

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b));
}

/* exact for results that are special themselves, faithful for the rest */
#define SAME(got, want)                                                                    \
    do {                                                                                   \
        double g = (got), w = (want);                                                      \
        if (isnan(w) || isinf(w) || w == 0) {                                              \
            ck_assert_msg(same(g, w), "%s = %g, want %g", #got, g, w);                     \
        } else {                                                                           \
            ck_assert_msg(ulps(g, w) <= 2, "%s = %.17g, want %.17g", #got, g, w);          \
        }                                                                                  \
    } while (0)

START_TEST(special_values_follow_annex_f)
{
    const double values[] = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1e300,
                             -1e300, INFINITY, -INFINITY, NAN, 1e-310, 710.0, -750.0};
    const size_t n = sizeof(values) / sizeof(values[0]);
    for (size_t i = 0; i < n; i++) {
        double x = values[i];
        SAME(rt_exp(x), exp(x));
        SAME(rt_exp2(x), exp2(x));
        SAME(rt_expm1(x), expm1(x));
        SAME(rt_log(x), log(x));
        SAME(rt_log2(x), log2(x));
        SAME(rt_log10(x), log10(x));
        SAME(rt_log1p(x), log1p(x));
        SAME(rt_sinh(x), sinh(x));
        SAME(rt_cosh(x), cosh(x));
        SAME(rt_tanh(x), tanh(x));
        SAME(rt_atan(x), atan(x));
        SAME(rt_asin(x), asin(x));
        SAME(rt_acos(x), acos(x));
        if (fabs(x) < 1e9 || isnan(x) || isinf(x)) {
            SAME(rt_sin(x), sin(x));
            SAME(rt_cos(x), cos(x));
            SAME(rt_tan(x), tan(x));
        }
        for (size_t j = 0; j < n; j++) {
            double y = values[j];
            SAME(rt_pow(x, y), pow(x, y));
            SAME(rt_atan2(x, y), atan2(x, y));
            SAME(rt_hypot(x, y), hypot(x, y));
        }
    }
}
END_TEST

START_TEST(float_versions)
{
    ck_assert(fabsf(rt_sinf(1.0f) - sinf(1.0f)) <= 1e-7f);
    ck_assert(rt_powf(2.0f, 10.0f) == 1024.0f);
    ck_assert(rt_logf(1.0f) == 0.0f);
}
END_TEST

Suite *math_suite(void)
{
    Suite *s = suite_create("math");
    TCase *tc = tcase_create("math");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, one_argument_functions_are_faithful);
    tcase_add_test(tc, two_argument_functions_are_faithful);
    tcase_add_test(tc, special_values_follow_annex_f);
    tcase_add_test(tc, float_versions);
    suite_add_tcase(s, tc);
    return s;
}
