using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class ProfileSharesTests
{
    private const string Hip = "IN0410000183";
    private static readonly DateOnly Today = new(2026, 6, 14);

    private static readonly ProfileShareInput Recorded = new(
        "PROFILE_SHARE", Hip, "OPD-CARD", "91-1234-5678-9012", "sita.devi@sbx", "Sita Devi", "F", "14", "3", "1978",
        "12 Lajpat Nagar", "South Delhi", "Delhi", "110024", "9812345678");

    [Fact]
    public void The_recorded_share_reads_into_the_desks_facts()
    {
        var read = Assert.IsType<ShareReading.Read>(ProfileShares.Read(Recorded, Hip, Today)).Profile;

        Assert.Equal(
            new SharedProfile(Hip, "OPD-CARD", "91123456789012", "sita.devi@sbx", "Sita Devi", Sex.Female, new DateOnly(1978, 3, 14), false,
                "9812345678", "12 Lajpat Nagar, South Delhi, Delhi, 110024"),
            read);
    }

    [Fact]
    public void A_share_with_only_the_required_fields_reads()
    {
        var bare = new ProfileShareInput("PROFILE_SHARE", Hip, "OPD-CARD", null, "ravi_k@abdm", "Ravi", null, null, null, null, null, null, null, null, null);

        var read = Assert.IsType<ShareReading.Read>(ProfileShares.Read(bare, Hip, Today)).Profile;

        Assert.Equal((null, null, null, null, null), (read.AbhaNumber, read.Sex, read.BirthDate, read.Phone, read.Address));
    }

    [Theory]
    [InlineData("M", Sex.Male)]
    [InlineData("F", Sex.Female)]
    [InlineData("O", Sex.Other)]
    public void Gender_letters_become_the_desks_sex(string gender, Sex sex) =>
        Assert.Equal(sex, Assert.IsType<ShareReading.Read>(ProfileShares.Read(Recorded with { Gender = gender }, Hip, Today)).Profile.Sex);

    [Fact]
    public void A_year_alone_is_an_approximate_birth_date_in_the_middle_of_it()
    {
        var read = Assert.IsType<ShareReading.Read>(
            ProfileShares.Read(Recorded with { DayOfBirth = null, MonthOfBirth = null }, Hip, Today)).Profile;

        Assert.Equal((new DateOnly(1978, 7, 1), true), (read.BirthDate, read.BirthDateIsApproximate));
    }

    [Fact]
    public void A_share_for_another_facility_is_not_ours() =>
        Assert.Equal("IN9999", Assert.IsType<ShareReading.OtherFacility>(ProfileShares.Read(Recorded with { HipId = "IN9999" }, Hip, Today)).HipId);

    public static TheoryData<ProfileShareInput, string> Malformed => new()
    {
        { Recorded with { Intent = null }, "intent" },
        { Recorded with { Intent = "LINK" }, "intent" },
        { Recorded with { HipId = " " }, "metaData.hipId" },
        { Recorded with { Counter = null }, "metaData.context" },
        { Recorded with { Counter = new string('C', 41) }, "metaData.context" },
        { Recorded with { AbhaAddress = null }, "profile.patient.abhaAddress" },
        { Recorded with { AbhaAddress = "sita@gmail.com" }, "profile.patient.abhaAddress" },
        { Recorded with { AbhaNumber = "1234" }, "profile.patient.abhaNumber" },
        { Recorded with { Name = "" }, "profile.patient.name" },
        { Recorded with { Name = new string('a', 101) }, "profile.patient.name" },
        { Recorded with { Gender = "X" }, "profile.patient.gender" },
        { Recorded with { YearOfBirth = "19x8" }, "profile.patient.yearOfBirth" },
        { Recorded with { DayOfBirth = "31", MonthOfBirth = "2" }, "profile.patient.yearOfBirth" },
        { Recorded with { YearOfBirth = "2030" }, "profile.patient.yearOfBirth" },
        { Recorded with { YearOfBirth = "1850" }, "profile.patient.yearOfBirth" },
        { Recorded with { Phone = "12" }, "profile.patient.phoneNumber" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_missing_or_wrong_field_is_named(ProfileShareInput input, string field) =>
        Assert.Equal(field, Assert.IsType<ShareReading.Malformed>(ProfileShares.Read(input, Hip, Today)).Field);
}
