using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class PatientDuplicatesTests
{
    [Theory]
    [InlineData("Asha Verma", "Asha Verma")]
    [InlineData("Asha Verma", "asha  verma")]               // case and spacing
    [InlineData("Asha Verma", "ASHA VERMA.")]               // punctuation
    [InlineData("Ram Kumar", "Ramkumar")]                   // spacing inside the name
    [InlineData("Amit Banerji", "Amit Banerjee")]           // spelling
    [InlineData("Mohd Irfan", "Mohammed Irfan")]            // abbreviation
    [InlineData("Md. Irfan", "Muhammad Irfan")]
    [InlineData("Mohammad Irfan", "Muhammed Irfan")]
    [InlineData("Smt. Lakshmi Iyer", "Lakshmi Iyer")]       // honorific
    [InlineData("Rahul Sharma", "Rahul Sarma")]
    [InlineData("Anil Choudhary", "Anil Chowdhury")]
    [InlineData("Sk Rafiq", "Sheikh Rafiq")]
    [InlineData("Pooja Reddy", "Puja Reddy")]
    [InlineData("A. Banerjee", "Amit Banerjee")]            // an initial
    [InlineData("Asha Verma", "Asha Rani Verma")]           // a missing middle name
    [InlineData("O'Brien-Smith", "obrien smith")]
    public void Names_that_are_one_person_written_two_ways_are_similar(string registered, string given)
    {
        Assert.True(PatientDuplicates.NamesAreSimilar(registered, given));
        Assert.True(PatientDuplicates.NamesAreSimilar(given, registered));
    }

    [Theory]
    [InlineData("Asha Verma", "Rohit Verma")]               // a family on one phone
    [InlineData("Asha Verma", "Usha Verma")]
    [InlineData("Rohan Mehta", "Rani Mehta")]               // sound alike, spelt far apart
    [InlineData("Rohan Mehta", "Rohit Mehta")]
    [InlineData("Amit Kumar", "Sumit Kumar")]
    [InlineData("Asha Verma", "Asha")]                      // a surname missing is not enough
    [InlineData("Asha Verma", "Asha Gupta")]
    [InlineData("Mohd Irfan", "Mohd Imran")]
    [InlineData("Asha Verma", "...")]
    [InlineData("", "Asha Verma")]
    public void Different_people_are_not_similar(string registered, string given)
    {
        Assert.False(PatientDuplicates.NamesAreSimilar(registered, given));
        Assert.False(PatientDuplicates.NamesAreSimilar(given, registered));
    }

    [Theory]
    [InlineData("banerji", "banerjee", 2)]
    [InlineData("asha", "asha", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_counts_the_letters_to_change(string a, string b, int expected)
    {
        Assert.Equal(expected, PatientDuplicates.Distance(a, b));
    }

    [Fact]
    public void A_similar_name_on_the_same_phone_is_a_possible_duplicate_most_recent_visit_first()
    {
        var old = new KnownPatient("H-000001", "Amit Banerji", Sex.Male, new DateOnly(1980, 1, 1), new DateOnly(2026, 1, 5));
        var recent = new KnownPatient("H-000007", "Amit Banerjee", Sex.Male, null, new DateOnly(2026, 11, 30));
        var sister = new KnownPatient("H-000002", "Rina Banerjee", Sex.Female, null, null);

        var check = PatientDuplicates.Check("amit banerjee", [old, sister, recent]);

        var found = Assert.IsType<PossibleDuplicates>(check);
        Assert.Equal(["H-000007", "H-000001"], found.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Nobody_similar_on_the_phone_is_no_duplicate()
    {
        var sister = new KnownPatient("H-000002", "Rina Banerjee", Sex.Female, null, null);

        Assert.IsType<NoDuplicate>(PatientDuplicates.Check("Amit Banerjee", [sister]));
        Assert.IsType<NoDuplicate>(PatientDuplicates.Check("Amit Banerjee", []));
    }
}
