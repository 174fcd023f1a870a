/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The environment: at start the entries the runner wrote into the
 * `.sel4_arguments` section (the kernel passes none; see arguments.h),
 * then changed by setenv/unsetenv, which std's env::set_var and remove_var
 * call. Entries are "NAME=value" strings on the heap, copied from the
 * section so that every entry can be freed alike; `environ` is a
 * NULL-terminated array of them, as C programs expect.
 */
#include "internal.h"

void *malloc(size_t size);
void free(void *ptr);
void *realloc(void *ptr, size_t size);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

static char *initial[1];
char **environ = initial;
extern char **__environ __attribute__((alias("environ")));

static size_t count;    /* entries in environ */
static bool owned;      /* environ is our heap array (not `initial`) */

static bool valid_name(const char *name)
{
    return name != NULL && name[0] != '\0' && strchr(name, '=') == NULL;
}

/* The index of the entry whose name is the first `length` bytes of
 * `name`, or count. */
static size_t find(const char *name, size_t length)
{
    for (size_t i = 0; i < count; i++) {
        if (strncmp(environ[i], name, length) == 0 && environ[i][length] == '=') {
            return i;
        }
    }
    return count;
}

char *getenv(const char *name)
{
    if (!valid_name(name)) {
        return NULL;
    }
    size_t length = strlen(name);
    size_t i = find(name, length);
    return i == count ? NULL : environ[i] + length + 1;
}

char *secure_getenv(const char *name)
{
    return getenv(name);
}

/* Sets the variable named by the first `name_length` bytes of `name` (a
 * valid name, not NUL-terminated there) to `value`. */
static int set(const char *name, size_t name_length, const char *value, int overwrite)
{
    size_t i = find(name, name_length);
    if (i < count && !overwrite) {
        return 0;
    }
    size_t value_length = strlen(value);
    char *entry = malloc(name_length + value_length + 2);
    if (entry == NULL) {
        return (int)fail_with(ENOMEM);
    }
    memcpy(entry, name, name_length);
    entry[name_length] = '=';
    memcpy(entry + name_length + 1, value, value_length + 1);
    if (i < count) {
        free(environ[i]);
        environ[i] = entry;
        return 0;
    }
    char **grown = realloc(owned ? environ : NULL, (count + 2) * sizeof(char *));
    if (grown == NULL) {
        free(entry);
        return (int)fail_with(ENOMEM);
    }
    grown[count++] = entry;
    grown[count] = NULL;
    environ = grown;
    owned = true;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name)) {
        return (int)fail_with(EINVAL);
    }
    return set(name, strlen(name), value, overwrite);
}

void sel4rt_environment_init(char *const *entries, size_t entry_count)
{
    for (size_t n = 0; n < entry_count; n++) {
        /* arguments.c checked the form: a non-empty NAME, then '=' */
        const char *separator = strchr(entries[n], '=');
        set(entries[n], (size_t)(separator - entries[n]), separator + 1, 1);
    }
}

int unsetenv(const char *name)
{
    if (!valid_name(name)) {
        return (int)fail_with(EINVAL);
    }
    size_t i = find(name, strlen(name));
    if (i < count) {
        free(environ[i]);
        environ[i] = environ[--count]; /* order does not matter */
        environ[count] = NULL;
    }
    return 0;
}

int clearenv(void)
{
    for (size_t i = 0; i < count; i++) {
        free(environ[i]);
    }
    count = 0;
    environ[0] = NULL;
    return 0;
}
