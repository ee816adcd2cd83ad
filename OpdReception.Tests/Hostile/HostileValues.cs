namespace OpdReception.Tests.Hostile;

/// <summary>What each kind of value must refuse: bad ids in routes and queries, malformed JSON, and for each member type its wrong values.</summary>
public static class HostileValues
{
    public static readonly string[] BadIntIds =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "abc", "1.5", "1e3", "0x1F", "%20", "%01", "%E2%80%AE7", "%D9%A1"];

    public static readonly string[] BadTextIds = ["%01", "%E2%80%AE%41", "%07", new string('P', 300)];

    public static readonly string[] Malformed =
    [
        "{", "{\"", "}", "[", "[]", "\"text\"", "42", "true", "{\"a\":1,}", "{'x':1}", "{\"x\":1 \"y\":2}", "{}{}", "<x/>", "\u0000", "\uFEFF{", "{\"x\":\"\\u12\"}",
    ];

    public static readonly HashSet<string> Required =
        ["slotId", "patientName", "source", "status", "name", "specialization", "doctorId", "date", "startTime", "endTime", "email", "password"];

    public static string ValidQuery(Type type, KnownIds ids) =>
        type == typeof(DateOnly) ? "2030-01-07" : type == typeof(bool) ? "false" : type == typeof(TimeOnly) ? "09:00" : ids.OtherSlotId.ToString();

    public static IEnumerable<string> BadQuery(Type type) =>
        type == typeof(DateOnly) ? ["2030-02-30", "2030-13-01", "yesterday", "%00", "9999999999"]
        : type == typeof(TimeOnly) ? ["25:00", "noon", "%00"]
        : type == typeof(bool) ? ["maybe", "2"]
        : ["abc", "1.5", "99999999999", "%00", "1e3", "0x10"];

    public static IEnumerable<(string Label, string Json)> BadValues(Type type, bool required)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var list = type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable));
        IEnumerable<(string, string)> common = list ? [("object", "{}")] : [("object", "{}"), ("array", "[]")];
        if (required)
        {
            common = common.Append(("null", "null"));
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return common.Concat([("text", "\"abc\""), ("fraction", "1.5"), ("int max", "2147483647"), ("int min", "-2147483648"), ("past int", "2147483648"),
                ("below int", "-2147483649"), ("past long", "9223372036854775808"), ("huge", "1e400"), ("negative", "-1"), ("bool", "true")]);
        }

        if (type == typeof(string))
        {
            return common.Concat([("number", "123"), ("bool", "true"), ("NUL", "\"Asha\\u0000Verma\""), ("bell", "\"Asha\\u0007\""), ("newline", "\"Asha\\nVerma\""),
                ("bidi override", "\"\\u202Eamrev ahsA\""), ("bidi isolate", "\"Asha\\u2066x\""), ("lone surrogate", "\"\\ud800\""), ("10k chars", $"\"{new string('a', 10_000)}\""),
                ("1 MB", $"\"{new string('a', 1024 * 1024)}\"")]);
        }

        if (type == typeof(DateOnly))
        {
            return common.Concat([("Feb 30", "\"2030-02-30\""), ("month 13", "\"2030-13-01\""), ("words", "\"yesterday\""), ("number", "20300107"), ("year 0", "\"0000-01-01\""), ("day 32", "\"9999-12-32\"")]);
        }

        if (type == typeof(TimeOnly))
        {
            return common.Concat([("25:00", "\"25:00\""), ("12:60", "\"12:60\""), ("negative", "\"-01:00\""), ("noon", "\"noon\""), ("number", "900"), ("24:00", "\"24:00\"")]);
        }

        if (type == typeof(bool))
        {
            return common.Concat([("yes", "\"yes\""), ("one", "1")]);
        }

        if (type.IsEnum)
        {
            return common.Concat([("unknown word", "\"NotAWord\""), ("empty", "\"\""), ("number", "7"), ("word with NUL", $"\"{Enum.GetNames(type)[0]}\\u0000\""), ("digit text", "\"0\"")]);
        }

        if (list)
        {
            return common.Concat([("a string", "\"Monday\""), ("numbers", "[1]"), ("nulls", "[null]"), ("unknown word", "[\"Funday\"]"), ("10 entries", $"[{string.Join(",", Enumerable.Repeat("\"Monday\"", 10))}]"),
                ("10k entries", $"[{string.Join(",", Enumerable.Repeat("\"Monday\"", 10_000))}]")]);
        }

        return common;
    }
}
