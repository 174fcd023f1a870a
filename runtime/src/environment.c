/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The environment: empty at start (the kernel passes none), and changed by
 * setenv/unsetenv, which std's env::set_var and remove_var call. Entries
 * are "NAME=value" strings on the heap; `environ` is a NULL-terminated
 * array of them, as C programs expect.
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

/* The index of NAME's entry, or count. */
static size_t find(const char *name)
{
    size_t length = strlen(name);
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
    size_t i = find(name);
    return i == count ? NULL : environ[i] + strlen(name) + 1;
}

char *secure_getenv(const char *name)
{
    return getenv(name);
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name)) {
        return (int)fail_with(EINVAL);
    }
    size_t i = find(name);
    if (i < count && !overwrite) {
        return 0;
    }
    size_t name_length = strlen(name), value_length = strlen(value);
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

int unsetenv(const char *name)
{
    if (!valid_name(name)) {
        return (int)fail_with(EINVAL);
    }
    size_t i = find(name);
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
