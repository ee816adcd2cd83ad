namespace OpdReception.Domain;

/// <summary>What a signed-in person must do before anything else.</summary>
public abstract record AccountDuty
{
    private AccountDuty()
    {
    }

    public sealed record None : AccountDuty;

    /// <summary>An admin chose the password, so the admin knows it: the person replaces it with their own.</summary>
    public sealed record ChangePassword : AccountDuty;

    /// <summary>An admin account needs a second factor where the hospital requires one.</summary>
    public sealed record EnrolSecondFactor : AccountDuty;
}

public static class AccountDutyRules
{
    /// <summary>The password comes first: enrolling under a password an admin still knows would protect the wrong secret.</summary>
    public static AccountDuty Decide(bool mustChangePassword, bool isAdmin, bool hasSecondFactor, bool adminsNeedSecondFactor) =>
        mustChangePassword ? new AccountDuty.ChangePassword()
        : isAdmin && adminsNeedSecondFactor && !hasSecondFactor ? new AccountDuty.EnrolSecondFactor()
        : new AccountDuty.None();
}
