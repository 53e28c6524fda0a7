package io.gatehouse.event;

/**
 * A thing an event refers to (device, door, site or actor): its id at the vendor, a name a person reads,
 * and for devices a kind, for actors an email. Any part may be unknown (null). Parts longer than their column are
 * cut, with a mark ({@link BoundedText}).
 */
public record Ref(String id, String name, String kind, String email) {

    /** Every part fits its column ({@link BoundedText}); the inbox keeps the vendor's whole value. */
    public Ref {
        id = BoundedText.fit(id, BoundedText.NAME);
        name = BoundedText.fit(name, BoundedText.NAME);
        kind = BoundedText.fit(kind, BoundedText.KIND);
        email = BoundedText.fit(email, BoundedText.NAME);
    }

    public static Ref of(String id, String name) {
        return id == null && name == null ? null : new Ref(id, name, null, null);
    }

    public static Ref device(String id, String name, String kind) {
        return id == null && name == null ? null : new Ref(id, name, kind, null);
    }

    public static Ref actor(String id, String name, String email) {
        return id == null && name == null && email == null ? null : new Ref(id, name, null, email);
    }
}
