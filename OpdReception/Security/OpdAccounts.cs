using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;

namespace OpdReception.Security;

/// <summary>Creates accounts: the first admin by command, the demo accounts in Development. There is no self-registration.</summary>
public sealed class OpdAccounts(UserManager<OpdUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<OpdDbContext> factory)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    public async Task<AccountResult> CreateAsync(string email, string displayName, string password, IReadOnlyList<string> inRoles, int? doctorId = null)
    {
        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new AccountResult.NotCreated($"An account for {email} already exists.");
        }

        var user = new OpdUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, DoctorId = doctorId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new AccountResult.NotCreated(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        Check(await users.AddToRolesAsync(user, inRoles));
        return new AccountResult.Created(user);
    }

    public async Task<bool> AnyAdminAsync()
    {
        await EnsureRolesAsync();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0;
    }

    /// <summary>Development only: one account per role and one per doctor, with the passwords README.md lists.</summary>
    public async Task<IReadOnlyList<DemoAccount>> SeedDemoAccountsAsync()
    {
        List<DemoAccount> accounts =
        [
            new("admin@opd.local", "Admin Demo", DemoAccount.DemoPassword, [Roles.Admin], null),
            new("reception@opd.local", "Reception Demo", DemoAccount.DemoPassword, [Roles.Receptionist], null),
            new("portal@opd.local", "Booking Site", DemoAccount.DemoPassword, [Roles.BookingPortal], null),
        ];
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var doctor in await db.Doctors.OrderBy(d => d.Id).ToListAsync())
            {
                accounts.Add(new($"{DemoAccount.Slug(doctor.Name)}@opd.local", doctor.Name, DemoAccount.DemoPassword, [Roles.Doctor], doctor.Id));
            }
        }

        var created = new List<DemoAccount>();
        foreach (var account in accounts)
        {
            if (await CreateAsync(account.Email, account.Name, account.Password, account.Roles, account.DoctorId) is AccountResult.Created)
            {
                created.Add(account);
            }
        }

        return created;
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public abstract record AccountResult
{
    private AccountResult()
    {
    }

    public sealed record Created(OpdUser User) : AccountResult;

    public sealed record NotCreated(string Reason) : AccountResult;
}

public sealed record DemoAccount(string Email, string Name, string Password, IReadOnlyList<string> Roles, int? DoctorId)
{
    /// <summary>Development only, and listed in README.md: never used outside Development.</summary>
    public const string DemoPassword = "Demo-pass-2026";

    /// <summary>"Dr. Anita Rao" becomes "rao".</summary>
    public static string Slug(string doctorName) =>
        new(doctorName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last().Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
