using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpdReception.Security;

namespace OpdReception.Data;

/// <summary>The OPD's records and, in the same file, Identity's users and roles and Data Protection's keys.</summary>
public sealed class OpdDbContext(DbContextOptions<OpdDbContext> options) : IdentityDbContext<OpdUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Doctor> Doctors => Set<Doctor>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<DoctorDayCounter> DoctorDayCounters => Set<DoctorDayCounter>();
    public DbSet<DoctorPace> DoctorPaces => Set<DoctorPace>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<PatientEvent> PatientEvents => Set<PatientEvent>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<TokenEvent> TokenEvents => Set<TokenEvent>();
    public DbSet<HealthProbe> HealthProbes => Set<HealthProbe>();
    public DbSet<WeeklySession> WeeklySessions => Set<WeeklySession>();
    public DbSet<DoctorLeave> Leaves => Set<DoctorLeave>();
    public DbSet<OpdSetting> Settings => Set<OpdSetting>();
    public DbSet<HospitalLogo> Logos => Set<HospitalLogo>();
    public DbSet<AdminChange> AdminChanges => Set<AdminChange>();
    public DbSet<IssueKeyRecord> IssueKeys => Set<IssueKeyRecord>();
    public DbSet<PatientAccess> PatientAccesses => Set<PatientAccess>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();
    public DbSet<NotificationTemplate> NotificationTemplates => Set<NotificationTemplate>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();
    public DbSet<DisplayScreen> DisplayScreens => Set<DisplayScreen>();
    public DbSet<DailySummary> DailySummaries => Set<DailySummary>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OpdDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as words keep the file readable with any SQLite tool.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
    }
}
