/* tt_test.h: the unit test harness.  A test is TEST(name) { ... } in any
 * C file of tests/unit; the Makefile collects the names into a list that
 * main.c runs, printing TAP.  CHECK failures print where and why and mark
 * the test failed; the test goes on. */
#ifndef TT_TEST_H
#define TT_TEST_H

#include <stdio.h>
#include <string.h>

#include "tt.h"

extern int tt_test_failed;	/* checks failed in the current test */
extern int tt_test_checks;	/* checks run in all tests */

#define TEST(name)	void test_##name(void); void test_##name(void)

#define CHECK(cond)	do {						\
	tt_test_checks++;						\
	if (!(cond)) {							\
		tt_test_failed++;					\
		printf("# %s:%d: CHECK(%s) failed\n", __FILE__,		\
		    __LINE__, #cond);					\
	}								\
} while (0)

#define CHECK_INT(got, want)	do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	tt_test_checks++;						\
	if (g_ != w_) {							\
		tt_test_failed++;					\
		printf("# %s:%d: %s is %lld, want %lld\n", __FILE__,	\
		    __LINE__, #got, g_, w_);				\
	}								\
} while (0)

/* Compare len bytes at got with the C string want. */
#define CHECK_MEM(got, len, want)	do {				\
	const char *g_ = (const char *)(got), *w_ = (want);		\
	size_t gl_ = (len), wl_ = strlen(w_);				\
	tt_test_checks++;						\
	if (gl_ != wl_ || (gl_ > 0 && memcmp(g_, w_, gl_) != 0)) {	\
		tt_test_failed++;					\
		printf("# %s:%d: %s is \"%.*s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, #got, (int)gl_, g_ ? g_ : "", w_); \
	}								\
} while (0)

#define CHECK_BUF(b, want)	CHECK_MEM((b).data, (b).len, want)

#endif /* TT_TEST_H */
