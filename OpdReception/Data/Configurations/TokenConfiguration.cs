using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> builder)
    {
        builder.Property(t => t.Version).IsConcurrencyToken();
        // The last line of defence: two desks can never print the same number for one slot.
        builder.HasIndex(t => new { t.SlotId, t.TokenNumber }).IsUnique();
        builder.HasIndex(t => new { t.PatientId, t.Status });
        builder.HasOne(t => t.Slot).WithMany(s => s.Tokens).HasForeignKey(t => t.SlotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Patient).WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.History).WithOne().HasForeignKey(e => e.TokenId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.CancellationReason).HasMaxLength(200);
        builder.Property(t => t.FeedbackComment).HasMaxLength(500);
        builder.Property(t => t.Code).HasMaxLength(TokenCodes.Length);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}
