using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class IssueKeyRecordConfiguration : IEntityTypeConfiguration<IssueKeyRecord>
{
    public void Configure(EntityTypeBuilder<IssueKeyRecord> builder)
    {
        builder.ToTable("IssueKeys");
        builder.Property(k => k.Caller).HasMaxLength(100);
        builder.Property(k => k.Key).HasMaxLength(IssueKeyLimits.MaxLength);
        builder.Property(k => k.RequestHash).HasMaxLength(64);
        builder.HasIndex(k => new { k.Caller, k.Key }).IsUnique();
        builder.HasIndex(k => k.CreatedAt);
        builder.HasOne<Token>().WithMany().HasForeignKey(k => k.TokenId).OnDelete(DeleteBehavior.Restrict);
    }
}
