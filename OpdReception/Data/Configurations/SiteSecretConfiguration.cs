using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> builder)
    {
        builder.HasKey(s => s.Purpose);
        builder.Property(s => s.Purpose).HasMaxLength(40);
        builder.Property(s => s.Value).HasMaxLength(64);
    }
}
