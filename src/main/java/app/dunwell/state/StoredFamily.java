package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A family as the billing platform last described it. */
@Entity
@Table(name = "family")
public class StoredFamily extends PanacheEntityBase {
    @Id
    public UUID id;
    public String centerId;
    public String externalId;
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public String preferredChannel;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String optedOut;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String flags;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String children;
    public Instant updatedAt;
}
