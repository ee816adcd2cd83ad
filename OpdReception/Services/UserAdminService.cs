using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Security;

namespace OpdReception.Services;

public sealed record UserView(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, int? DoctorId, string? DoctorName, bool LockedOut,
    bool Deactivated = false);

public sealed record NewUserRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles, int? DoctorId);

public sealed record PasswordRequest(string? Password);

public sealed record RoleRequest(string? Role);

public sealed record LinkDoctorRequest(int? DoctorId);

/// <summary>A correction of an account's email and display name: both are sent, as they should read.</summary>
public sealed record UserCorrection(string? Email, string? DisplayName);

/// <param name="Deleted">True: the account never acted and is gone. False: it acted, so it stays deactivated (cannot sign in) and its history still names it.</param>
public sealed record UserRemovalView(string Id, string Email, bool Deleted, string Message);

/// <summary>
/// Staff accounts through Identity's UserManager, one scope (one context, one transaction) per operation, each change
/// recorded in the admin's record in the same transaction.
/// </summary>
public sealed partial class UserAdminService(IServiceScopeFactory scopes, TimeProvider clock, HospitalClock hospital, OpdChanges changes, ServerSessions sessions)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpdDbContext>();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var doctors = await db.Doctors.AsNoTracking().Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct))
            .Select(u => new UserView(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                u.DoctorId, u.DoctorId is { } d ? doctors.GetValueOrDefault(d) : null,
                u.LockoutEnd is { } end && end > now, AccountRules.IsDeactivated(u.LockoutEnd)))
            .ToList();
    }

    public async Task<Result<UserView>> CreateAsync(NewUserRequest request, Actor by, CancellationToken ct = default)
    {
        var wanted = (request.Roles ?? []).Select(r => r?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var check = Identity(request.Email, request.DisplayName)
            .Require(!string.IsNullOrEmpty(request.Password), "password", "A first password is required.")
            .Require(wanted.Count > 0, "roles", "Choose at least one role.")
            .Require(wanted.All(r => Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)), "roles", $"Roles are {string.Join(", ", Roles.All)}.")
            .Require(request.DoctorId is null || wanted.Contains(Roles.Doctor, StringComparer.OrdinalIgnoreCase), "doctorId", "Only a user in the Doctor role is linked to a doctor.")
            .Require(!wanted.Contains(Roles.Doctor, StringComparer.OrdinalIgnoreCase) || request.DoctorId is not null, "doctorId", "A user in the Doctor role needs the doctor they act for.");
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var roles = wanted.Select(r => Roles.All.First(x => x.Equals(r, StringComparison.OrdinalIgnoreCase))).ToList();
        var email = request.Email!.Trim();
        return await WriteAsync(by, async (users, db) =>
        {
            if (request.DoctorId is { } doctorId && !await db.Doctors.AnyAsync(d => d.Id == doctorId, ct))
            {
                return (OpdProblem.NotFound("Doctor", doctorId), null, "");
            }

            if (await users.FindByEmailAsync(email) is not null)
            {
                return (OpdProblem.Conflict($"An account for {email} already exists."), null, "");
            }

            if (request.DoctorId is { } wantedDoctor && await DoctorTakenAsync(db, wantedDoctor, null, ct) is { } taken)
            {
                return (taken, null, "");
            }

            var user = new OpdUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = request.DisplayName!.Trim(), DoctorId = request.DoctorId,
                MustChangePassword = true };
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                return (OpdProblem.Invalid("password", string.Join(" ", created.Errors.Select(e => e.Description))), null, "");
            }

            var added = await users.AddToRolesAsync(user, roles);
            return added.Succeeded
                ? (null, user, $"Created with roles {string.Join(", ", roles)}{(request.DoctorId is { } d ? $", acting for doctor {d}" : "")}")
                : (OpdProblem.Conflict(string.Join(" ", added.Errors.Select(e => e.Description))), null, "");
        }, ct);
    }

    /// <summary>An email and a display name as every account needs them: the one check for creating and correcting.</summary>
    private static Validation Identity(string? email, string? displayName) => new Validation()
        .Require(!string.IsNullOrWhiteSpace(email) && email.Contains('@') && email.Trim().Length <= 200, "email", "A valid email address is required.")
        .Name(displayName, "displayName", "Display name")
        .Text(displayName, "displayName", "Display name", 100)
        .Text(email, "email", "The email", 200);

    public Task<Result<UserView>> ResetPasswordAsync(string id, string? password, Actor by, CancellationToken ct = default) =>
        string.IsNullOrEmpty(password)
            ? Task.FromResult<Result<UserView>>(OpdProblem.Invalid("password", "A new password is required."))
            : ChangeAsync(id, by, async (users, _, user) =>
            {
                // Set before the reset, whose own save writes it: the admin knows this password, so the person replaces it.
                user.MustChangePassword = true;
                var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
                return reset.Succeeded
                    ? (null, "Password reset (to be changed at next sign-in); signed out everywhere")
                    : (OpdProblem.Invalid("password", string.Join(" ", reset.Errors.Select(e => e.Description))), "");
            }, ct);

    public Task<Result<UserView>> LockAsync(string id, Actor by, CancellationToken ct = default) =>
        ChangeAsync(id, by, async (users, db, user) =>
        {
            if (AccountRules.CheckAdminLoss(await ActiveAdminsAsync(db, ct), user.Id, by.UserId ?? "", AdminLoss.Lock) is AccountRefused refused)
            {
                return (OpdProblem.Conflict(refused.Reason), "");
            }

            if (AccountRules.IsDeactivated(user.LockoutEnd))
            {
                return (OpdProblem.Conflict($"{user.Email} is deactivated: it was removed and stays unable to sign in."), "");
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, AccountRules.LockedUntil);
            await users.UpdateSecurityStampAsync(user);
            return (null, "Locked: cannot sign in");
        }, ct);

    public Task<Result<UserView>> UnlockAsync(string id, Actor by, CancellationToken ct = default) =>
        ChangeAsync(id, by, async (users, _, user) =>
        {
            // A removed account that acted stays out for good: its history names it, but it never signs in again.
            if (AccountRules.IsDeactivated(user.LockoutEnd))
            {
                return (OpdProblem.Conflict($"{user.Email} is deactivated (removed after it acted) and cannot be unlocked. Create a new account instead."), "");
            }

            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return (null, "Unlocked");
        }, ct);

    public Task<Result<UserView>> AddRoleAsync(string id, string? role, Actor by, CancellationToken ct = default) =>
        RoleAsync(id, role, by, add: true, ct);

    public Task<Result<UserView>> RemoveRoleAsync(string id, string? role, Actor by, CancellationToken ct = default) =>
        RoleAsync(id, role, by, add: false, ct);

    public Task<Result<UserView>> LinkDoctorAsync(string id, int? doctorId, Actor by, CancellationToken ct = default) =>
        ChangeAsync(id, by, async (users, db, user) =>
        {
            if (doctorId is { } d && !await db.Doctors.AnyAsync(x => x.Id == d, ct))
            {
                return (OpdProblem.NotFound("Doctor", d), "");
            }

            if (doctorId is { } wanted && await DoctorTakenAsync(db, wanted, user.Id, ct) is { } taken)
            {
                return (taken, "");
            }

            user.DoctorId = doctorId;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return (null, doctorId is { } id2 ? $"Linked to doctor {id2}" : "No longer linked to a doctor");
        }, ct);

    private Task<Result<UserView>> RoleAsync(string id, string? role, Actor by, bool add, CancellationToken ct)
    {
        var name = Roles.All.FirstOrDefault(r => r.Equals(role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return Task.FromResult<Result<UserView>>(OpdProblem.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}."));
        }

        return ChangeAsync(id, by, async (users, db, user) =>
        {
            var holds = await users.IsInRoleAsync(user, name);
            if (holds == add)
            {
                return (OpdProblem.Conflict(add ? $"The user already has the {name} role." : $"The user does not have the {name} role."), "");
            }

            if (!add && name == Roles.Admin
                && AccountRules.CheckAdminLoss(await ActiveAdminsAsync(db, ct), user.Id, by.UserId ?? "", AdminLoss.RemoveAdminRole) is AccountRefused refused)
            {
                return (OpdProblem.Conflict(refused.Reason), "");
            }

            var result = add ? await users.AddToRoleAsync(user, name) : await users.RemoveFromRoleAsync(user, name);
            if (!result.Succeeded)
            {
                return (OpdProblem.Conflict(string.Join(" ", result.Errors.Select(e => e.Description))), "");
            }

            // The role is in the user's sign-in: a new security stamp makes every device sign in again with the new roles.
            await users.UpdateSecurityStampAsync(user);
            return (null, add ? $"Role {name} added" : $"Role {name} removed");
        }, ct);
    }

    /// <summary>One account per doctor (a unique index): a second link is refused by name, never left to the database.</summary>
    private static async Task<OpdProblem?> DoctorTakenAsync(OpdDbContext db, int doctorId, string? exceptUserId, CancellationToken ct)
    {
        var holder = await db.Users.AsNoTracking()
            .Where(u => u.DoctorId == doctorId && u.Id != exceptUserId)
            .Select(u => new { u.Email, Doctor = db.Doctors.Where(d => d.Id == doctorId).Select(d => d.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (holder is null)
        {
            return null;
        }

        var message = $"{holder.Doctor} already signs in as {holder.Email}. Unlink that account first.";
        var errors = new Dictionary<string, string[]> { ["doctorId"] = [message] };
        return new OpdProblem(ProblemKind.Conflict, message, errors, new Dictionary<string, object?> { ["errors"] = errors });
    }

    private async Task<IReadOnlyCollection<string>> ActiveAdminsAsync(OpdDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var admins = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.Name == Roles.Admin
                            select new { u.Id, u.LockoutEnd }).ToListAsync(ct);
        return admins.Where(a => a.LockoutEnd is null || a.LockoutEnd <= now).Select(a => a.Id).ToHashSet();
    }

    /// <summary>
    /// A change that renews the account's security stamp (a password reset, a lock, a role or doctor change) also ends
    /// every session of the user, after the commit, so their open screens close now rather than at the next check.
    /// </summary>
    private async Task<Result<UserView>> ChangeAsync(
        string id, Actor by, Func<UserManager<OpdUser>, OpdDbContext, OpdUser, Task<(OpdProblem? Problem, string What)>> change, CancellationToken ct,
        bool endSessions = false)
    {
        string? ending = null;
        var result = await WriteAsync(by, async (users, db) =>
        {
            var user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return (OpdProblem.NotFound("User", id), null, "");
            }

            var stamp = user.SecurityStamp;
            var (problem, what) = await change(users, db, user);
            if (problem is null && (endSessions || user.SecurityStamp != stamp))
            {
                ending = user.Id;
            }

            return (problem, user, what);
        }, ct);
        if (result.IsOk && ending is not null)
        {
            await sessions.EndAllAsync(ending, CancellationToken.None);
        }

        return result;
    }

    /// <summary>Ends every session of the account (browsers and programs); it may sign in again at once.</summary>
    public Task<Result<UserView>> SignOutEverywhereAsync(string id, Actor by, CancellationToken ct = default) =>
        ChangeAsync(id, by, (_, _, _) => Task.FromResult<(OpdProblem?, string)>((null, "Signed out everywhere")), ct, endSessions: true);

    /// <summary>One scope, one transaction: Identity's writes and the line of record commit together, or neither does.</summary>
    private async Task<Result<UserView>> WriteAsync(
        Actor by, Func<UserManager<OpdUser>, OpdDbContext, Task<(OpdProblem? Problem, OpdUser? User, string What)>> write, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpdDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        await scope.ServiceProvider.GetRequiredService<OpdAccounts>().EnsureRolesAsync();
        string userId;
        await using (var tx = await WriteTransaction.BeginAsync(db, ct))
        {
            var (problem, user, what) = await write(users, db);
            if (problem is not null || user is null)
            {
                return problem ?? OpdProblem.Conflict("Nothing changed.");
            }

            AdminRecord.Add(db, hospital.Now, by, "User", user.Email ?? user.Id, what);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            userId = user.Id;
        }

        changes.Announce(new OpdChange(0, null, "user"));
        return (await ListAsync(ct)).First(u => u.Id == userId);
    }
}
