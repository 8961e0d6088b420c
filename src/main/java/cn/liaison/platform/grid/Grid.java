package cn.liaison.platform.grid;

/**
 * A grid of the deputies (人大网格): a village or area of a town with its responsible deputy (网格代表, a user of the
 * deputies group), who supervises the rectification of the problems found there.
 */
public record Grid(String code, String name, String town, String deputyUserId) {}
