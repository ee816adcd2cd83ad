using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class DisplayScreenConfiguration : IEntityTypeConfiguration<DisplayScreen>
{
    public void Configure(EntityTypeBuilder<DisplayScreen> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(30);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Speech).HasMaxLength(40);
    }
}
