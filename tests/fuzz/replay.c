/* replay.c: runs a fuzz target over files or directories of inputs (the
 * seed corpus, crashes found before), without libFuzzer, so make check
 * and make asan replay them with any compiler.  Prints TAP. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t n;

static void
run(const char *path)
{
	tt_buf b = { 0 };
	tt_err e;

	if (tt_io_read_file(path, 1 << 24, &b, &e) != TT_OK) {
		printf("not ok %zu - %s: %s\n", ++n, path, e.msg);
		exit(1);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
	tt_buf_free(&b);
	printf("ok %zu - %s\n", ++n, path);
}

int
main(int argc, char **argv)
{
	struct dirent *d;
	struct stat st;
	char path[4096];
	DIR *dir;
	int i;

	tt_init();
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if ((dir = opendir(argv[i])) == NULL)
				continue;
			while ((d = readdir(dir)) != NULL) {
				if (d->d_name[0] == '.')
					continue;
				snprintf(path, sizeof(path), "%s/%s", argv[i],
				    d->d_name);
				run(path);
			}
			closedir(dir);
		} else
			run(argv[i]);
	}
	printf("%zu passed, 0 failed\n", n);
	return 0;
}
