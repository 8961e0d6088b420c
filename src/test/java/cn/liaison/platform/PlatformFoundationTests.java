package cn.liaison.platform;

/** The foundation's guarantees on the embedded H2 database. */
class PlatformFoundationTests extends PlatformFoundationContract {}
