namespace OpdReception.Domain;

/// <summary>A patient on record who shares the new patient's phone.</summary>
public sealed record KnownPatient(string Id, string Name, Sex? Sex, DateOnly? BirthDate, DateOnly? LastVisit);

/// <summary>The answer to "is this new patient already on record?"</summary>
public abstract record DuplicateCheck;

/// <summary>Nobody with this phone has a similar name: a new record may be made.</summary>
public sealed record NoDuplicate : DuplicateCheck;

/// <summary>The desk must say which of these the patient is, or that they are somebody new.</summary>
public sealed record PossibleDuplicates(IReadOnlyList<KnownPatient> Candidates) : DuplicateCheck;

/// <summary>
/// Duplicates are caught before they are made. A family often shares one phone, so the phone alone proves nothing;
/// a similar name on the same phone does. Similar means the same once case, spacing and punctuation are set aside,
/// or the same word by word allowing for spelling (Banerji, Banerjee), the usual abbreviations (Mohd, Md,
/// Mohammed), honorifics (Smt., Dr.), initials and a missing middle name.
/// </summary>
public static class PatientDuplicates
{
    public static DuplicateCheck Check(string name, IEnumerable<KnownPatient> samePhone)
    {
        var candidates = samePhone.Where(p => NamesAreSimilar(p.Name, name)).OrderByDescending(p => p.LastVisit).ThenBy(p => p.Id).ToList();
        return candidates.Count == 0 ? new NoDuplicate() : new PossibleDuplicates(candidates);
    }

    public static bool NamesAreSimilar(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return false;
        }

        if (string.Concat(left) == string.Concat(right))
        {
            return true;
        }

        var (shorter, longer) = left.Count <= right.Count ? (left, right) : (right, left);

        // A missing middle name: the first and last names still have to agree.
        if (!WordsAlike(shorter[0], longer[0]) || !WordsAlike(shorter[^1], longer[^1]))
        {
            return false;
        }

        var at = 1;
        foreach (var word in shorter.Skip(1).SkipLast(1))
        {
            while (at < longer.Count - 1 && !WordsAlike(word, longer[at]))
            {
                at++;
            }

            if (at >= longer.Count - 1)
            {
                return false;
            }

            at++;
        }

        return shorter.Count > 1 || longer.Count == 1;
    }

    /// <summary>The name as words of lower-case letters, honorifics dropped and the usual abbreviations spelled one way.</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        foreach (var raw in name.Split([' ', '.', ',', '-', '\'', '_', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new string([.. raw.ToLowerInvariant().Where(char.IsLetter)]);
            if (word.Length > 0 && !Honorifics.Contains(word))
            {
                words.Add(Spellings.TryGetValue(word, out var one) ? one : word);
            }
        }

        return words;
    }

    private static bool WordsAlike(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        // An initial stands for any word it begins.
        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0];
        }

        // Sounding alike is not enough on its own (Rohan, Rani): the spelling must be close too.
        var (left, right) = (Fold(a), Fold(b));
        return Sound(a) == Sound(b) && Distance(left, right) <= Math.Max(1, Math.Max(left.Length, right.Length) / 3);
    }

    /// <summary>
    /// The spelling with the ways of writing one sound folded together: long vowels (Pooja, Puja), aspirates and
    /// silent h (Sharma, Sarma), ow for ou (Chowdhury, Choudhary).
    /// </summary>
    public static string Fold(string word) => word
        .Replace("oo", "u").Replace("ee", "i").Replace("aa", "a").Replace("ow", "ou")
        .Replace("ph", "f").Replace("bh", "b").Replace("dh", "d").Replace("th", "t").Replace("kh", "k")
        .Replace("gh", "g").Replace("sh", "s").Replace("ch", "c").Replace("ck", "k").Replace("w", "v")
        .Replace("z", "j").Replace("q", "k").Replace("x", "ks").Replace("h", "");

    /// <summary>
    /// A rough key of how a romanised Indian name sounds: the <see cref="Fold"/>ed spelling with doubled letters
    /// and the vowels after the first letter dropped. Banerji and Banerjee, Sharma and Sarma, Chowdhury and Choudhary share one.
    /// </summary>
    public static string Sound(string word)
    {
        var folded = Fold(word);
        if (folded.Length == 0)
        {
            return word[..1];
        }

        var key = new System.Text.StringBuilder().Append(folded[0]);
        foreach (var c in folded.Skip(1))
        {
            if (c is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y') && key[^1] != c)
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>Levenshtein distance: the fewest letters inserted, deleted or changed to turn one word into the other.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static readonly HashSet<string> Honorifics = ["mr", "mrs", "ms", "miss", "smt", "shri", "shree", "sri", "dr", "kumari", "km", "baby", "master", "late"];

    private static readonly Dictionary<string, string> Spellings = new()
    {
        ["md"] = "muhammad", ["mohd"] = "muhammad", ["mohmd"] = "muhammad", ["mohammad"] = "muhammad", ["mohammed"] = "muhammad",
        ["muhammed"] = "muhammad", ["mohamed"] = "muhammad", ["mohamad"] = "muhammad", ["muhamad"] = "muhammad", ["mahomed"] = "muhammad",
        ["sk"] = "shaikh", ["sheikh"] = "shaikh", ["shaik"] = "shaikh", ["shek"] = "shaikh",
        ["syed"] = "sayyed", ["sayed"] = "sayyed", ["saiyed"] = "sayyed", ["sayyad"] = "sayyed",
    };
}
