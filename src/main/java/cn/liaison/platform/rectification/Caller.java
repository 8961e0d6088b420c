package cn.liaison.platform.rectification;

import java.util.Set;

/** Who asks: the user and their groups as the request authenticated them. */
public record Caller(String user, Set<String> groups) {

  public boolean in(String group) {
    return groups.contains(group);
  }
}
