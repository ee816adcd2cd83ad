using System.Globalization;

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

    /// <summary>
    /// Characters that show nothing yet make two texts differ ("City" and "City\u200B" read alike in the history):
    /// zero-width space, direction marks, word joiner, byte-order mark, line and paragraph separators. The zero-width
    /// joiner and non-joiner stay allowed: Indic spellings need them.
    /// </summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200E' or '\u200F' or '\u061C' or '\u2060' or '\uFEFF' or '\u2028' or '\u2029';

    /// <summary>The most of a typed text one log line echoes: enough to recognise it, too little to flood the log.</summary>
    public const int LogLength = 80;

    /// <summary>
    /// Typed text made safe to echo in a log line: every character that could start a forged line or hide or reorder
    /// what a log viewer shows (control characters, line and paragraph separators, bidirectional controls and marks,
    /// broken surrogates) is written as a visible \uXXXX escape, and the text is cut at <paramref name="max"/>
    /// characters with a note of how much was cut. Null stays visible as "(none)".
    /// </summary>
    public static string ForLog(string? text, int max = LogLength)
    {
        if (text is null)
        {
            return "(none)";
        }

        var safe = new System.Text.StringBuilder(Math.Min(text.Length, max) + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var piece = pair ? text.Substring(i, 2)
                : HidesInLog(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : c.ToString();
            if (safe.Length + piece.Length > max)
            {
                break;
            }

            safe.Append(piece);
            i += pair ? 2 : 1;
        }

        return i < text.Length ? string.Create(CultureInfo.InvariantCulture, $"{safe}…(+{text.Length - i} more)") : safe.ToString();
    }

    private static bool HidesInLog(char c) =>
        char.IsControl(c) || IsBidiControl(c) || char.IsSurrogate(c)
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C' or '\uFFFE' or '\uFFFF';

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

            if (IsInvisible(c))
            {
                return "must not contain invisible characters such as zero-width spaces, direction marks or line separators";
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
