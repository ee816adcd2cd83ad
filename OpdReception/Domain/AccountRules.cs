namespace OpdReception.Domain;

/// <summary>What would take an account's admin rights away.</summary>
public enum AdminLoss { RemoveAdminRole, Lock, Remove }

public abstract record AccountDecision;

public sealed record AccountAllowed : AccountDecision;

public sealed record AccountRefused(string Reason) : AccountDecision;

/// <summary>The account never acted: nothing names it, so it goes.</summary>
public sealed record AccountDeleted : AccountDecision;

/// <summary>The account acted: its history keeps naming it, so it stays, unable to sign in.</summary>
public sealed record AccountDeactivated : AccountDecision;

/// <summary>Rules for changing staff accounts. Pure: the caller reads who holds the Admin role and is not locked.</summary>
public static class AccountRules
{
    /// <summary>
    /// The lockout end that marks an account deactivated (removed after it acted): it never comes back. A lock by the
    /// admin ends a day earlier, so the two stay apart without another column and unlock can refuse the first.
    /// </summary>
    public static readonly DateTimeOffset DeactivatedUntil = DateTimeOffset.MaxValue;

    /// <summary>The lockout end of an account the admin locked: far off, yet not <see cref="DeactivatedUntil"/>.</summary>
    public static readonly DateTimeOffset LockedUntil = DateTimeOffset.MaxValue.AddDays(-1);

    public static bool IsDeactivated(DateTimeOffset? lockoutEnd) => lockoutEnd == DeactivatedUntil;

    /// <summary>The hospital must always keep one admin who can sign in, or no one could ever fix the setup again.</summary>
    public static AccountDecision CheckAdminLoss(IReadOnlyCollection<string> activeAdminIds, string targetId, string actingUserId, AdminLoss loss)
    {
        if (loss != AdminLoss.RemoveAdminRole && targetId == actingUserId)
        {
            return new AccountRefused(loss == AdminLoss.Lock ? "You cannot lock your own account." : "You cannot remove your own account.");
        }

        if (activeAdminIds.Contains(targetId) && activeAdminIds.Count <= 1)
        {
            return new AccountRefused(loss switch
            {
                AdminLoss.Lock => "This is the last admin who can sign in; it cannot be locked. Make another user an admin first.",
                AdminLoss.Remove => "This is the last admin who can sign in; it cannot be removed. Make another user an admin first.",
                _ => "This is the last admin who can sign in; the Admin role cannot be removed. Make another user an admin first.",
            });
        }

        return new AccountAllowed();
    }

    /// <summary>
    /// Taking an account off the list: deleted when it never acted (no token history, no admin change by it),
    /// otherwise deactivated, so every line that names it still names someone who existed.
    /// </summary>
    /// <param name="deactivated">The account is already locked for good: removing it again would change nothing.</param>
    public static AccountDecision Remove(IReadOnlyCollection<string> activeAdminIds, string targetId, string actingUserId, bool hasActed, bool deactivated = false) =>
        CheckAdminLoss(activeAdminIds, targetId, actingUserId, AdminLoss.Remove) switch
        {
            AccountRefused refused => refused,
            _ when hasActed && deactivated => new AccountRefused("This account is already deactivated: it cannot sign in, and its history keeps its name."),
            _ when hasActed => new AccountDeactivated(),
            _ => new AccountDeleted(),
        };
}
