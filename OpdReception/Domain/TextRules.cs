namespace OpdReception.Domain;

/// <summary>
/// What a name, room, id or reason may contain. Every script is welcome (Devanagari, Tamil, Arabic, Bengali…,
/// with the joiners their spelling needs); characters that hide or reorder what a screen shows are not:
/// control characters (NUL included), bidirectional overrides and isolates, and broken surrogate pairs.
/// </summary>
public static class TextRules
{
    /// <summary>LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they reorder the text around them on screen.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Null when the text is acceptable; otherwise why not, in plain words.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "must not contain a NUL character";
            }

            if (char.IsControl(c))
            {
                return "must not contain control characters such as tabs or line breaks";
            }

            if (IsBidiControl(c))
            {
                return "must not contain characters that reverse or reorder the text direction";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return "contains a character that is not valid text";
            }
        }

        return null;
    }
}
