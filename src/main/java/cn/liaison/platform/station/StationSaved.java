package cn.liaison.platform.station;

/** A station was created or changed: its staff group must exist (the identity feature creates it). */
public record StationSaved(Station station) {}
