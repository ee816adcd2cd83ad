namespace OpdReception.Domain;

/// <summary>What would take an account's admin rights away.</summary>
public enum AdminLoss { RemoveAdminRole, Lock }

public abstract record AccountDecision;

public sealed record AccountAllowed : AccountDecision;

public sealed record AccountRefused(string Reason) : AccountDecision;

/// <summary>Rules for changing staff accounts. Pure: the caller reads who holds the Admin role and is not locked.</summary>
public static class AccountRules
{
    /// <summary>The hospital must always keep one admin who can sign in, or no one could ever fix the setup again.</summary>
    public static AccountDecision CheckAdminLoss(IReadOnlyCollection<string> activeAdminIds, string targetId, string actingUserId, AdminLoss loss)
    {
        if (loss == AdminLoss.Lock && targetId == actingUserId)
        {
            return new AccountRefused("You cannot lock your own account.");
        }

        if (activeAdminIds.Contains(targetId) && activeAdminIds.Count <= 1)
        {
            return new AccountRefused(loss == AdminLoss.Lock
                ? "This is the last admin who can sign in; it cannot be locked. Make another user an admin first."
                : "This is the last admin who can sign in; the Admin role cannot be removed. Make another user an admin first.");
        }

        return new AccountAllowed();
    }
}
