using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

/// <summary>Issue 17: the doctor typed is the doctor picked, or nothing with a reason; never the first of the list.</summary>
public sealed class PickTests
{
    private static readonly PickChoice Rao = new(1, "Dr. Anita Rao", "Cardiology");
    private static readonly PickChoice Iyer = new(2, "Dr. Vikram Iyer", "Orthopaedics");
    private static readonly PickChoice Khan = new(3, "Dr. Sara Khan", "Paediatrics");
    private static readonly PickChoice Ali = new(4, "Dr. Farhan Ali", "Orthopaedics");
    private static readonly PickChoice Alisha = new(5, "Dr. Alisha Menon", "Dermatology");
    private static readonly PickChoice[] Demo = [Rao, Iyer, Khan, Ali];

    [Theory]
    [InlineData("Khan", 3)]
    [InlineData("khan", 3)]
    [InlineData("  KHAN ", 3)]
    [InlineData("Iyer", 2)]
    [InlineData("Ali", 4)]
    [InlineData("Rao", 1)]
    [InlineData("Kh", 3)]
    [InlineData("Dr. Khan", 3)]
    [InlineData("dr khan", 3)]
    [InlineData("sara k", 3)]
    [InlineData("Paed", 3)]
    [InlineData("cardio", 1)]
    [InlineData("Ortho Ali", 4)]
    [InlineData("Dr. Sara Khan — Paediatrics", 3)]
    [InlineData("Dr. Sara Khan - Paediatrics", 3)]
    [InlineData("Dr. Vikram Iyer", 2)]
    public void Text_that_fits_one_doctor_picks_that_doctor(string typed, int id)
    {
        var decision = Assert.IsType<Picked>(Pick.Decide(typed, Demo));
        Assert.Equal(id, decision.Choice.Id);
    }

    [Theory]
    [InlineData("Mehta")]
    [InlineData("Khanna")]
    [InlineData("han")]             // inside a word, not its start
    [InlineData("Khan Cardiology")] // every word must fit the same doctor
    [InlineData("!!@@##x")]
    [InlineData("!!@@##")]
    public void Text_that_fits_no_doctor_picks_nothing(string typed)
    {
        Assert.Equal(new NoMatch(typed), Pick.Decide(typed, Demo));
    }

    [Theory]
    [InlineData("Ortho", new[] { 2, 4 })]
    [InlineData("Dr.", new[] { 1, 2, 3, 4 })]
    [InlineData("a", new[] { 1, 4 })]
    public void Text_that_fits_several_doctors_equally_asks_the_person_to_pick(string typed, int[] ids)
    {
        var decision = Assert.IsType<Ambiguous>(Pick.Decide(typed, Demo));
        Assert.Equal(ids, decision.Candidates.Select(c => c.Id).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_typed_picks_nothing_without_complaint(string? typed)
    {
        Assert.IsType<NothingTyped>(Pick.Decide(typed, Demo));
    }

    [Fact]
    public void A_whole_word_wins_over_a_word_it_only_starts()
    {
        Assert.Equal(new Picked(Ali), Pick.Decide("Ali", [Rao, Alisha, Ali]));
        Assert.IsType<Ambiguous>(Pick.Decide("Al", [Rao, Alisha, Ali]));
    }

    [Fact]
    public void Two_doctors_of_the_same_name_are_never_told_apart_by_guessing()
    {
        var twin = Khan with { Id = 9, Detail = "General Medicine" };
        Assert.IsType<Ambiguous>(Pick.Decide("Dr. Sara Khan", [Khan, twin]));
        Assert.Equal(new Picked(twin), Pick.Decide("Dr. Sara Khan — General Medicine", [Khan, twin]));
    }

    [Fact]
    public void The_suggestions_are_the_choices_the_decision_weighs()
    {
        Assert.Equal([Iyer, Ali], Pick.Matches("ortho", Demo));
        Assert.Equal(Demo, Pick.Matches("", Demo));
        Assert.Empty(Pick.Matches("zzz", Demo));
    }

    [Fact]
    public void Names_in_any_script_are_matched_as_typed()
    {
        var hindi = new PickChoice(7, "डॉ. आशा वर्मा", "हृदय रोग");
        Assert.Equal(new Picked(hindi), Pick.Decide("वर्मा", [Rao, hindi]));
    }

    [Theory]
    [InlineData("Mehta", "No doctor matches “Mehta”.")]
    [InlineData("Ortho", "2 doctors match “Ortho” — pick one.")]
    [InlineData("Khan", null)]
    [InlineData("", null)]
    public void The_message_says_what_the_person_should_do(string typed, string? message)
    {
        Assert.Equal(message, Pick.Message(Pick.Decide(typed, Demo), "doctor"));
    }
}
