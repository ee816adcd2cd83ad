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

    [Theory]
    [InlineData(false, typeof(AccountDeleted))]
    [InlineData(true, typeof(AccountDeactivated))]
    public void An_account_that_never_acted_is_deleted_and_one_that_acted_is_deactivated(bool acted, Type decision) =>
        Assert.IsType(decision, AccountRules.Remove(["a"], "desk", "a", acted));

    [Theory]
    [InlineData(true, typeof(AccountRefused))]
    [InlineData(false, typeof(AccountDeleted))]
    public void A_deactivated_account_is_not_deactivated_twice_but_a_locked_one_that_never_acted_may_go(bool acted, Type decision) =>
        Assert.IsType(decision, AccountRules.Remove(["a"], "desk", "a", acted, deactivated: true));

    [Theory]
    [InlineData(new[] { "a", "b" }, "a", "a", false, "your own account")]
    [InlineData(new[] { "a", "b" }, "a", "a", true, "your own account")]
    [InlineData(new[] { "a" }, "a", "someone-else", false, "last admin")]
    [InlineData(new[] { "a" }, "a", "someone-else", true, "last admin")]
    public void Nobody_removes_their_own_account_nor_the_last_admin(string[] admins, string target, string acting, bool acted, string words) =>
        Assert.Contains(words, Assert.IsType<AccountRefused>(AccountRules.Remove(admins, target, acting, acted)).Reason);
}
