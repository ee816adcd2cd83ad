using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class PatientRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData("H-000123", true)]
    [InlineData("h-000123", true)]                  // as a desk types it
    [InlineData("H-00012", false)]                  // a digit short
    [InlineData("H-0001234", false)]
    [InlineData("H-00012A", false)]
    [InlineData("X-000123", false)]
    [InlineData("!!@@##", false)]
    [InlineData("", false)]
    public void A_hospital_number_follows_the_pattern(string id, bool wellFormed)
    {
        Assert.Equal(wellFormed, HospitalNumberPattern.Default.IsWellFormed(id));
    }

    [Theory]
    [InlineData(null, "H-000001")]
    [InlineData("H-000041", "H-000042")]
    [InlineData("H-999999", null)]                 // the pattern is used up
    public void New_patients_get_the_next_number(string? highest, string? next)
    {
        Assert.Equal(next, HospitalNumberPattern.Default.Next(highest));
    }

    [Theory]
    [InlineData("H-", 6, true)]
    [InlineData("MRN/", 8, true)]
    [InlineData("", 6, false)]
    [InlineData("h-", 6, false)]
    [InlineData("H-", 2, false)]
    [InlineData("H-", 13, false)]
    [InlineData("HOSPITAL", 6, false)]
    [InlineData("H #", 6, false)]
    public void Only_a_usable_pattern_is_accepted(string prefix, int digits, bool usable)
    {
        Assert.Equal(usable, new HospitalNumberPattern(prefix, digits).Problem() is null);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(34, true)]
    [InlineData(120, true)]
    [InlineData(-1, false)]
    [InlineData(121, false)]
    public void Age_is_0_to_120_years(int years, bool accepted)
    {
        Assert.Equal(accepted, PatientFacts.AgeProblem(years) is null);
    }

    [Theory]
    [InlineData("2026-12-07", null)]
    [InlineData("1990-06-15", null)]
    [InlineData("2026-12-08", "cannot be in the future")]
    [InlineData("1900-01-01", "gives an age over 120 years")]
    public void Date_of_birth_is_not_in_the_future_nor_over_120_years_ago(string born, string? problem)
    {
        Assert.Equal(problem, PatientFacts.BirthDateProblem(DateOnly.Parse(born), Today));
    }

    [Fact]
    public void An_age_told_today_is_still_right_next_year()
    {
        var born = PatientFacts.BirthDateForAge(34, Today);

        Assert.Equal(34, PatientFacts.AgeOn(born, Today));
        Assert.Equal(35, PatientFacts.AgeOn(born, Today.AddYears(1)));
        Assert.Equal(34, PatientFacts.AgeOn(born, Today.AddYears(1).AddDays(-1)));
    }

    [Theory]
    [InlineData("12345678901234", "12345678901234")]
    [InlineData("12-3456-7890-1234", "12345678901234")]
    [InlineData("12 3456 7890 1234", "12345678901234")]
    [InlineData("1234567890123", null)]
    [InlineData("123456789012345", null)]
    [InlineData("12-3456-7890-123A", null)]
    public void An_abha_number_is_14_digits(string typed, string? digits)
    {
        Assert.Equal(digits, PatientFacts.AbhaDigits(typed));
    }

    [Fact]
    public void An_abha_number_is_shown_in_its_groups()
    {
        Assert.Equal("12-3456-7890-1234", PatientFacts.ShowAbha("12345678901234"));
    }

    [Theory]
    [InlineData("asha.verma@abdm", "asha.verma@abdm")]
    [InlineData(" Asha_Verma90@SBX ", "asha_verma90@sbx")]
    [InlineData("asha@abdm", "asha@abdm")]
    [InlineData("ash@abdm", null)]                  // too short
    [InlineData("asha.verma@gmail.com", null)]
    [InlineData("asha..verma@abdm", null)]
    [InlineData(".asha@abdm", null)]
    [InlineData("asha verma@abdm", null)]
    [InlineData("asha.verma", null)]
    public void An_abha_address_is_a_name_at_abdm(string typed, string? address)
    {
        Assert.Equal(address, PatientFacts.AbhaAddress(typed));
    }

    [Theory]
    [InlineData(Sex.Female, "1990-06-15", false, "Female, 36 y")]
    [InlineData(Sex.Male, "1992-12-07", true, "Male, ~34 y")]
    [InlineData(Sex.Other, null, false, "Other")]
    [InlineData(null, "2026-01-01", false, "0 y")]
    [InlineData(null, null, false, null)]
    public void The_slip_says_sex_and_age_in_words(Sex? sex, string? born, bool approximate, string? words)
    {
        Assert.Equal(words, PatientFacts.SexAndAge(sex, born is null ? null : DateOnly.Parse(born), approximate, Today));
    }

    [Theory]
    [InlineData("+91 98765 43210", "9876543210")]
    [InlineData("098765-43210", "9876543210")]
    [InlineData("9876543210", "9876543210")]
    [InlineData("2345 678", "2345678")]
    [InlineData("12345", null)]
    [InlineData(null, null)]
    public void Phones_typed_differently_share_one_key(string? phone, string? key)
    {
        Assert.Equal(key, PatientFacts.PhoneKey(phone));
    }
}
