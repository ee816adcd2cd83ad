using Microsoft.EntityFrameworkCore;

namespace OpdReception.Data;

public sealed class OpdDbContext(DbContextOptions<OpdDbContext> options) : DbContext(options)
{
    public DbSet<Doctor> Doctors => Set<Doctor>();
    public DbSet<Slot> Slots => Set<Slot>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<TokenEvent> TokenEvents => Set<TokenEvent>();
    public DbSet<HealthProbe> HealthProbes => Set<HealthProbe>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpdDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as words keep the file readable with any SQLite tool.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
    }
}
