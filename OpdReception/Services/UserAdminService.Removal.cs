using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;

namespace OpdReception.Services;

/// <summary>Correcting an account's details, and taking an account off the list.</summary>
public sealed partial class UserAdminService
{
    /// <summary>
    /// Corrects a typo in an account's email or display name. The email stays unique; the user signs in again with
    /// the corrected words (their sign-in carries both), and the record keeps what they were.
    /// </summary>
    public Task<Result<UserView>> CorrectAsync(string id, UserCorrection correction, Actor by, CancellationToken ct = default)
    {
        var check = Identity(correction.Email, correction.DisplayName);
        if (!check.IsValid)
        {
            return Task.FromResult<Result<UserView>>(check.ToProblem());
        }

        var email = correction.Email!.Trim();
        var name = correction.DisplayName!.Trim();
        return ChangeAsync(id, by, async (users, _, user) =>
        {
            var changes = new List<string>();
            if (!string.Equals(user.Email, email, StringComparison.Ordinal))
            {
                if (await users.FindByEmailAsync(email) is { } other && other.Id != user.Id)
                {
                    return (OpdProblem.Conflict($"An account for {email} already exists."), "");
                }

                changes.Add($"email {user.Email} → {email}");
                await users.SetEmailAsync(user, email);
                await users.SetUserNameAsync(user, email);
                user.EmailConfirmed = true;
            }

            if (user.DisplayName != name)
            {
                changes.Add($"display name {user.DisplayName} → {name}");
                user.DisplayName = name;
            }

            if (changes.Count == 0)
            {
                return (OpdProblem.Conflict("Nothing to correct: the account already has this email and display name."), "");
            }

            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return (OpdProblem.Invalid("email", string.Join(" ", updated.Errors.Select(e => e.Description))), "");
            }

            await users.UpdateSecurityStampAsync(user);
            return (null, "Corrected: " + string.Join("; ", changes));
        }, ct);
    }

    /// <summary>
    /// Takes an account off the list: deleted when it never acted, else deactivated (locked for good, every session
    /// ended) so the token and admin history that name it keep naming someone. Never your own, never the last admin.
    /// </summary>
    public async Task<Result<UserRemovalView>> RemoveAsync(string id, Actor by, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpdDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        UserRemovalView removed;
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return OpdProblem.NotFound("User", id);
            }

            var acted = await db.TokenEvents.AnyAsync(e => e.ByUserId == id, ct) || await db.AdminChanges.AnyAsync(c => c.ByUserId == id, ct);
            var email = user.Email ?? user.Id;
            switch (AccountRules.Remove(await ActiveAdminsAsync(db, ct), id, by.UserId ?? "", acted, deactivated: AccountRules.IsDeactivated(user.LockoutEnd)))
            {
                case AccountRefused refused:
                    return OpdProblem.Conflict(refused.Reason);
                case AccountDeleted:
                    var deleted = await users.DeleteAsync(user);
                    if (!deleted.Succeeded)
                    {
                        return OpdProblem.Conflict(string.Join(" ", deleted.Errors.Select(e => e.Description)));
                    }

                    removed = new UserRemovalView(id, email, true, $"{email} is deleted: it had never acted.");
                    AdminRecord.Add(db, hospital.Now, by, "User", email, "Deleted (had never acted)");
                    break;
                case AccountDeactivated:
                    await users.SetLockoutEnabledAsync(user, true);
                    await users.SetLockoutEndDateAsync(user, AccountRules.DeactivatedUntil);
                    // It no longer acts for its doctor, so the doctor may sign in with a new account.
                    user.DoctorId = null;
                    await users.UpdateAsync(user);
                    await users.UpdateSecurityStampAsync(user);
                    removed = new UserRemovalView(id, email, false, $"{email} is deactivated: it cannot sign in, and its history still names it.");
                    AdminRecord.Add(db, hospital.Now, by, "User", email, "Deactivated: cannot sign in; kept because its history names it");
                    break;
                default:
                    throw new InvalidOperationException("Unknown decision.");
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        changes.Announce(new OpdChange(0, null, "user"));
        await sessions.EndAllAsync(id, CancellationToken.None);
        return removed;
    }
}
