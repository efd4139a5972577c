/* main.c: runs every TEST of tests/unit/ and prints TAP, then
 * "N passed, N failed".  With arguments, runs only the tests named. */
#include <stdio.h>
#include <string.h>

#include "tt_test.h"

int tt_test_failed;
int tt_test_checks;

#define T(name)	void test_##name(void);
#include "unit-list.h"
#undef T

static const struct {
	const char	*name;
	void		(*fn)(void);
} tests[] = {
#define T(name)	{ #name, test_##name },
#include "unit-list.h"
#undef T
};

static int
wanted(int argc, char **argv, const char *name)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	size_t i, n = 0, pass = 0, fail = 0;

	tt_init();
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		n += wanted(argc, argv, tests[i].name);
	printf("1..%zu\n", n);
	n = 0;
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!wanted(argc, argv, tests[i].name))
			continue;
		tt_test_failed = 0;
		tests[i].fn();
		fflush(stdout);
		n++;
		if (tt_test_failed == 0) {
			pass++;
			printf("ok %zu - %s\n", n, tests[i].name);
		} else {
			fail++;
			printf("not ok %zu - %s\n", n, tests[i].name);
		}
	}
	printf("# %d checks\n", tt_test_checks);
	printf("%zu passed, %zu failed\n", pass, fail);
	return fail != 0;
}
