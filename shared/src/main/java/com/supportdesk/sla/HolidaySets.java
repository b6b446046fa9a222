package com.supportdesk.sla;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The holiday sets of a policy, a year at a time: set name → year → {@link HolidayYear}. A set is known
 * when the policy document defines it ({@code holidaySets}); a year of a known set that holds no entry reads
 * as an empty, non-provisional year. Immutable.
 */
public final class HolidaySets {
    public static final HolidaySets NONE = new HolidaySets(Map.of());

    private final NavigableMap<String, NavigableMap<Integer, HolidayYear>> sets;

    private HolidaySets(Map<String, NavigableMap<Integer, HolidayYear>> sets) {
        TreeMap<String, NavigableMap<Integer, HolidayYear>> copy = new TreeMap<>();
        sets.forEach((name, years) -> copy.put(name, Collections.unmodifiableNavigableMap(new TreeMap<>(years))));
        this.sets = Collections.unmodifiableNavigableMap(copy);
    }

    /** Sets with the given years; {@code years} keys every set's name, empty maps included. */
    static HolidaySets of(Map<String, NavigableMap<Integer, HolidayYear>> years) {
        return new HolidaySets(years);
    }

    /** Set name → year → the year's dates, sorted. */
    public NavigableMap<String, NavigableMap<Integer, HolidayYear>> sets() {
        return sets;
    }

    public boolean contains(String set) {
        return sets.containsKey(set);
    }

    /** The year of a known set (empty when the set has nothing for it); empty for an unknown set. */
    public Optional<HolidayYear> year(String set, int year) {
        NavigableMap<Integer, HolidayYear> years = sets.get(set);
        if (years == null) {
            return Optional.empty();
        }
        return Optional.of(years.getOrDefault(year, HolidayYear.empty(set, year, false)));
    }

    /** These sets with {@code year} in place of what its set had for that year; its set must be known. */
    HolidaySets with(HolidayYear year) {
        if (!contains(year.set())) {
            throw new IllegalArgumentException("Unknown holiday set " + year.set());
        }
        TreeMap<String, NavigableMap<Integer, HolidayYear>> next = new TreeMap<>(sets);
        TreeMap<Integer, HolidayYear> years = new TreeMap<>(sets.get(year.set()));
        years.put(year.year(), year);
        next.put(year.set(), years);
        return new HolidaySets(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolidaySets h && sets.equals(h.sets);
    }

    @Override
    public int hashCode() {
        return sets.hashCode();
    }

    @Override
    public String toString() {
        return "HolidaySets" + sets.keySet();
    }
}
