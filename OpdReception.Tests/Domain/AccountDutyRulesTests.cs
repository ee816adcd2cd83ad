using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class AccountDutyRulesTests
{
    [Theory]
    [InlineData(true, true, false, true, typeof(AccountDuty.ChangePassword))]
    [InlineData(true, false, false, false, typeof(AccountDuty.ChangePassword))]
    [InlineData(false, true, false, true, typeof(AccountDuty.EnrolSecondFactor))]
    [InlineData(false, true, true, true, typeof(AccountDuty.None))]
    [InlineData(false, true, false, false, typeof(AccountDuty.None))]
    [InlineData(false, false, false, true, typeof(AccountDuty.None))]
    [InlineData(false, false, true, false, typeof(AccountDuty.None))]
    public void An_admin_issued_password_comes_first_then_an_admins_second_factor(
        bool mustChangePassword, bool isAdmin, bool hasSecondFactor, bool required, Type duty) =>
        Assert.IsType(duty, AccountDutyRules.Decide(mustChangePassword, isAdmin, hasSecondFactor, required));
}
