/* Unit tests of lib/json.c. */
#include "tt_test.h"

TEST(json_escape)
{
	tt_buf b = { 0 };

	CHECK_INT(tt_json_escape(&b, "a\"b\\c\n\t\x01\x1f", 9), TT_OK);
	CHECK_BUF(b, "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\"");
	tt_buf_reset(&b);
	CHECK_INT(tt_json_escape(&b, "nul\0end", 7), TT_OK);
	CHECK_BUF(b, "\"nul\\u0000end\"");
	tt_buf_reset(&b);
	/* valid UTF-8 kept as is; bad bytes become U+FFFD; U+2028 escaped */
	CHECK_INT(tt_json_escape(&b, "\xC3\xA9\xC0\xE2\x80\xA8/", 7), TT_OK);
	CHECK_BUF(b, "\"\xC3\xA9\xEF\xBF\xBD\\u2028/\"");
	tt_buf_reset(&b);
	CHECK_INT(tt_json_escape(&b, "", 0), TT_OK);
	CHECK_BUF(b, "\"\"");
	tt_buf_free(&b);
}

TEST(json_lines_record)
{
	tt_buf b = { 0 };
	tt_json j;

	tt_json_init(&j, &b);
	tt_json_object(&j);
	tt_json_key(&j, "file");
	tt_json_cstr(&j, "a.html");
	tt_json_key(&j, "n");
	tt_json_int(&j, -42);
	tt_json_key(&j, "score");
	tt_json_double(&j, 0.1);
	tt_json_key(&j, "list");
	tt_json_array(&j);
	tt_json_bool(&j, 1);
	tt_json_null(&j);
	tt_json_double(&j, 1.0 / 0.0);
	tt_json_str(&j, "x", 1);
	tt_json_end(&j);
	tt_json_key(&j, "none");
	tt_json_cstr(&j, NULL);
	tt_json_end(&j);
	CHECK_INT(tt_json_line(&j), TT_OK);
	CHECK_BUF(b, "{\"file\":\"a.html\",\"n\":-42,\"score\":0.1,"
	    "\"list\":[true,null,null,\"x\"],\"none\":null}\n");
	/* a second record on the next line */
	tt_json_array(&j);
	tt_json_end(&j);
	CHECK_INT(tt_json_line(&j), TT_OK);
	CHECK_INT(b.len > 3 && memcmp(b.data + b.len - 3, "[]\n", 3) == 0, 1);
	tt_buf_free(&b);
}

TEST(json_doubles_round_trip)
{
	tt_buf b = { 0 };
	tt_json j;

	tt_json_init(&j, &b);
	tt_json_array(&j);
	tt_json_double(&j, 1.0 / 3.0);
	tt_json_double(&j, 1e300);
	tt_json_double(&j, -0.5);
	tt_json_end(&j);
	tt_json_line(&j);
	CHECK_BUF(b, "[0.3333333333333333,1e+300,-0.5]\n");
	tt_buf_free(&b);
}

TEST(json_misuse_is_an_error)
{
	tt_buf b = { 0 };
	tt_json j;
	int i;

	tt_json_init(&j, &b);
	tt_json_object(&j);
	CHECK_INT(tt_json_int(&j, 1), TT_EINVAL);	/* value without key */
	CHECK_INT(tt_json_line(&j), TT_EINVAL);		/* sticky */

	tt_json_init(&j, &b);
	CHECK_INT(tt_json_end(&j), TT_EINVAL);		/* nothing open */

	tt_json_init(&j, &b);
	tt_json_array(&j);
	CHECK_INT(tt_json_key(&j, "k"), TT_EINVAL);	/* key in array */

	tt_json_init(&j, &b);
	tt_json_object(&j);
	CHECK_INT(tt_json_line(&j), TT_EINVAL);		/* unclosed */

	tt_json_init(&j, &b);
	CHECK_INT(tt_json_line(&j), TT_EINVAL);		/* empty record */

	tt_json_init(&j, &b);
	for (i = 0; i < TT_JSON_MAXDEPTH + 5; i++)
		tt_json_array(&j);
	CHECK_INT(j.err, TT_ELIMIT);

	tt_json_init(&j, &b);
	tt_json_int(&j, 1);
	CHECK_INT(tt_json_int(&j, 2), TT_EINVAL);	/* two values a line */
	tt_buf_free(&b);
}
