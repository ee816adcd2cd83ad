using System.Text;

namespace OpdReception.Domain;

/// <summary>An admin's template, judged before it is saved.</summary>
public abstract record WordingCheck;

public sealed record WordingAccepted(string Text, string? DltTemplateId) : WordingCheck;

/// <param name="Field">"text" or "dltTemplateId": the field the admin must correct.</param>
public sealed record WordingRefused(string Field, string Reason) : WordingCheck;

/// <summary>
/// Templates and the texts made from them. A template names its values in braces, {label}; the names a kind may use
/// are <see cref="MessageTemplates.Placeholders"/>. Anything else in braces is refused when the admin saves, so a
/// patient never receives "{lable}".
/// </summary>
public static class MessageText
{
    /// <summary>Long enough for three SMS parts in Hindi or Tamil (67 characters each in Unicode) and more in English.</summary>
    public const int MaxTemplateLength = 500;

    /// <summary>The outbox's column: a rendered text never exceeds it, however long the values are.</summary>
    public const int MaxRenderedLength = 1000;

    public const int MaxDltTemplateIdLength = 40;

    public static WordingCheck Check(MessageKind kind, string? text, string? dltTemplateId)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new WordingRefused("text", "Write the message; use reset to go back to the default.");
        }

        if (trimmed.Length > MaxTemplateLength)
        {
            return new WordingRefused("text", $"The message is {trimmed.Length} characters; at most {MaxTemplateLength}.");
        }

        if (trimmed.Any(c => char.IsControl(c) && c != '\n'))
        {
            return new WordingRefused("text", "The message holds an invisible control character; retype it without.");
        }

        // The same refusal as every other text field: a reversed or hidden direction makes the SMS read otherwise than the admin saw it.
        if (trimmed.FirstOrDefault(c => TextRules.IsBidiControl(c) || TextRules.IsInvisible(c)) is not '\0')
        {
            return new WordingRefused("text", "The message must not contain characters that reverse or reorder the text direction, "
                + "or invisible characters such as zero-width spaces or direction marks; retype it without.");
        }

        var allowed = MessageTemplates.Placeholders(kind);
        foreach (var part in Parts(trimmed))
        {
            switch (part)
            {
                case Broken broken:
                    return new WordingRefused("text", broken.Reason);
                case Placeholder placeholder when !allowed.Contains(placeholder.Name):
                    return new WordingRefused("text",
                        $"{{{placeholder.Name}}} is not a value this message has. Use {string.Join(", ", allowed.Select(a => $"{{{a}}}"))}.");
            }
        }

        var dlt = dltTemplateId?.Trim();
        if (string.IsNullOrEmpty(dlt))
        {
            return new WordingAccepted(trimmed, null);
        }

        return dlt.Length <= MaxDltTemplateIdLength && dlt.All(char.IsAsciiLetterOrDigit)
            ? new WordingAccepted(trimmed, dlt)
            : new WordingRefused("dltTemplateId", $"A DLT template id is letters and digits only, at most {MaxDltTemplateIdLength}, as the DLT portal gives it.");
    }

    /// <summary>
    /// The text with each placeholder replaced by its value. A name without a value is left as written (a template
    /// saved before the rules cannot break the message), and a text longer than the outbox holds is cut short.
    /// </summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(template.Length + 64);
        foreach (var part in Parts(template))
        {
            text.Append(part switch
            {
                Placeholder p when values.TryGetValue(p.Name, out var value) => value,
                Placeholder p => $"{{{p.Name}}}",
                Literal l => l.Text,
                Broken b => b.Text,
                _ => "",
            });
        }

        var rendered = text.ToString();
        if (rendered.Length <= MaxRenderedLength)
        {
            return rendered;
        }

        // Never cut between the two halves of a surrogate pair: the receiver would get broken text.
        var cut = MaxRenderedLength - 1;
        if (char.IsHighSurrogate(rendered[cut - 1]))
        {
            cut--;
        }

        return rendered[..cut] + "…";
    }

    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Placeholder(string Name) : Part;

    private sealed record Broken(string Text, string Reason) : Part;

    private static IEnumerable<Part> Parts(string template)
    {
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOfAny(['{', '}'], at);
            if (open < 0)
            {
                yield return new Literal(template[at..]);
                yield break;
            }

            if (open > at)
            {
                yield return new Literal(template[at..open]);
            }

            if (template[open] == '}')
            {
                yield return new Broken("}", "A } has no { before it; write placeholders as {label}.");
                at = open + 1;
                continue;
            }

            var close = template.IndexOf('}', open + 1);
            var nextOpen = template.IndexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                yield return new Broken("{", "A { is not closed; write placeholders as {label}.");
                at = open + 1;
                continue;
            }

            var name = template[(open + 1)..close];
            if (name.Length == 0 || !name.All(char.IsAsciiLetter))
            {
                yield return new Broken(template[open..(close + 1)], $"\"{template[open..(close + 1)]}\" is not a placeholder; write them as {{label}}.");
            }
            else
            {
                yield return new Placeholder(name);
            }

            at = close + 1;
        }
    }
}
