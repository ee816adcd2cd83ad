using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData(AdminLoss.RemoveAdminRole)]
    [InlineData(AdminLoss.Lock)]
    public void The_last_admin_keeps_the_right_to_sign_in(AdminLoss loss)
    {
        var refused = Assert.IsType<AccountRefused>(AccountRules.CheckAdminLoss(["a"], "a", "someone-else", loss));
        Assert.Contains("last admin", refused.Reason);
    }

    [Theory]
    [InlineData(AdminLoss.RemoveAdminRole)]
    [InlineData(AdminLoss.Lock)]
    public void With_another_admin_the_admin_rights_may_go(AdminLoss loss) =>
        Assert.IsType<AccountAllowed>(AccountRules.CheckAdminLoss(["a", "b"], "a", "b", loss));

    [Fact]
    public void An_admin_may_drop_their_own_admin_role_when_another_admin_remains() =>
        Assert.IsType<AccountAllowed>(AccountRules.CheckAdminLoss(["a", "b"], "a", "a", AdminLoss.RemoveAdminRole));

    [Fact]
    public void Nobody_locks_their_own_account() =>
        Assert.IsType<AccountRefused>(AccountRules.CheckAdminLoss(["a", "b"], "a", "a", AdminLoss.Lock));

    [Fact]
    public void Locking_a_non_admin_is_always_allowed_by_this_rule() =>
        Assert.IsType<AccountAllowed>(AccountRules.CheckAdminLoss(["a"], "receptionist", "a", AdminLoss.Lock));
}
