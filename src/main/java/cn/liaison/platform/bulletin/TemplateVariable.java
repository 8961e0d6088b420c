package cn.liaison.platform.bulletin;

/** A name the templates may use ({{name}}), its meaning, and whether only the stations' articles know it. */
public record TemplateVariable(String name, String meaning, boolean sectionOnly) {}
