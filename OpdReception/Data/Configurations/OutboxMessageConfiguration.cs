using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.MessageId).HasMaxLength(36);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.TokenNumber).HasMaxLength(10);
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Language).HasMaxLength(5);
        builder.Property(m => m.Text).HasMaxLength(1000);
        builder.Property(m => m.TemplateId).HasMaxLength(40);
        builder.Property(m => m.LastError).HasMaxLength(500);

        // The dispatcher's only question, "what is due now?", reads this index, however many messages were ever sent.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        builder.HasIndex(m => new { m.TokenId, m.Event });
        // The admin's "sent today" counts today's rows only, however many were ever sent.
        builder.HasIndex(m => m.SentAt);
        builder.HasOne<Token>().WithMany().HasForeignKey(m => m.TokenId).OnDelete(DeleteBehavior.Restrict);
    }
}
