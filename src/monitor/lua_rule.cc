#include "monitor/lua_rule.h"

#include <fstream>
#include <lua.hpp>
#include <sstream>

namespace dl::monitor {

// Lua raises errors with longjmp, which must not cross C++ frames that own resources. So the
// memory budget is enforced only while check() or the chunk's top level runs (inside
// lua_pcall, in Lua's own frames); building the argument tables from C++ runs without it.
struct LuaRule::State {
  lua_State* L = nullptr;
  std::string name;
  LuaLimits limits;
  size_t used = 0;
  bool enforcing = false;
  uint64_t executed = 0;

  ~State() {
    if (L) lua_close(L);
  }

  static void* Alloc(void* ud, void* ptr, size_t old_size, size_t new_size) {
    auto* s = static_cast<State*>(ud);
    const size_t old_bytes = ptr ? old_size : 0;
    if (new_size == 0) {
      s->used -= old_bytes;
      std::free(ptr);
      return nullptr;
    }
    if (s->enforcing && new_size > old_bytes &&
        s->used - old_bytes + new_size > s->limits.memory_bytes) {
      return nullptr;  // Lua raises "not enough memory"
    }
    void* p = std::realloc(ptr, new_size);
    if (p) s->used = s->used - old_bytes + new_size;
    return p;
  }

  static constexpr int kHookEvery = 1000;
  static void Hook(lua_State* L, lua_Debug*) {
    State* s = nullptr;
    lua_getallocf(L, reinterpret_cast<void**>(&s));
    s->executed += kHookEvery;
    if (s->executed > s->limits.instructions) {
      // From now on every instruction fails, so a script that catches the error with pcall
      // cannot run on: the next instruction after its pcall raises again.
      lua_sethook(L, &Hook, LUA_MASKCOUNT, 1);
      luaL_error(L, "超出指令预算（死循环？）");
    }
  }

  // Runs the function on top of the stack with `nargs` arguments under both budgets.
  Status ProtectedCall(int nargs, int nresults) {
    executed = 0;
    enforcing = true;
    lua_sethook(L, &Hook, LUA_MASKCOUNT, kHookEvery);
    const int rc = lua_pcall(L, nargs, nresults, 0);
    lua_sethook(L, nullptr, 0, 0);
    enforcing = false;
    if (rc == LUA_OK) return Ok();
    std::string message = lua_isstring(L, -1) ? lua_tostring(L, -1) : "（非文本错误）";
    lua_pop(L, 1);
    if (rc == LUA_ERRMEM)
      message = "超出内存预算（" + std::to_string(limits.memory_bytes) + " 字节）";
    return Err(ErrorCode::kInvalidArgument, name + ": " + message);
  }
};

namespace {

void SetField(lua_State* L, const char* key, const std::string& value) {
  if (value.empty()) return;
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

void PushJson(lua_State* L, const Json& j) {
  if (j.is_boolean()) {
    lua_pushboolean(L, j.get<bool>());
  } else if (j.is_number_integer()) {
    lua_pushinteger(L, j.get<int64_t>());
  } else if (j.is_number()) {
    lua_pushnumber(L, j.get<double>());
  } else if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    lua_pushlstring(L, s.data(), s.size());
  } else if (j.is_object()) {
    lua_createtable(L, 0, static_cast<int>(j.size()));
    for (auto it = j.begin(); it != j.end(); ++it) {
      PushJson(L, *it);
      lua_setfield(L, -2, it.key().c_str());
    }
  } else if (j.is_array()) {
    lua_createtable(L, static_cast<int>(j.size()), 0);
    for (size_t i = 0; i < j.size(); ++i) {
      PushJson(L, j[i]);
      lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
  } else {
    lua_pushnil(L);
  }
}

void PushEvent(lua_State* L, const engine::Event& e) { PushJson(L, engine::EventToJson(e)); }

void PushCase(lua_State* L, const CaseView& c) {
  lua_createtable(L, 0, 6);
  SetField(L, "id", c.id);
  SetField(L, "power", c.power);
  SetField(L, "unit", c.unit);
  SetField(L, "opened", FormatInstant(c.opened));
  SetField(L, "applicant", c.applicant);
  SetField(L, "counterparty", c.counterparty);
  PushJson(L, c.values ? c.values->ToJson() : Json::object());
  lua_setfield(L, -2, "values");
  lua_createtable(L, static_cast<int>(c.steps.size()), 0);
  for (size_t i = 0; i < c.steps.size(); ++i) {
    lua_createtable(L, 0, 4);
    SetField(L, "type", c.steps[i].type);
    SetField(L, "node", c.steps[i].node);
    SetField(L, "actor", c.steps[i].actor);
    SetField(L, "occurred", FormatInstant(c.steps[i].occurred));
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setfield(L, -2, "steps");
}

// Opens the allowed libraries and removes what could reach outside the sandbox.
void OpenSandbox(lua_State* L) {
  const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                           {LUA_STRLIBNAME, luaopen_string},
                           {LUA_TABLIBNAME, luaopen_table},
                           {LUA_MATHLIBNAME, luaopen_math},
                           {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const auto& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  // Without setmetatable no script code (__index, __len, __gc …) can run outside the
  // protected, budgeted call.
  for (const char* name : {"dofile", "loadfile", "load", "require", "print", "collectgarbage",
                           "setmetatable", "getmetatable"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  lua_getglobal(L, "string");  // bytecode could escape the checks of the text loader
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
}

// Reads t[key] without metamethods (raw), as text; "" when absent or not a string.
std::string TextField(lua_State* L, int index, const char* key) {
  index = lua_absindex(L, index);
  lua_pushstring(L, key);
  lua_rawget(L, index);
  std::string out = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
  lua_pop(L, 1);
  return out;
}

}  // namespace

LuaRule::LuaRule(std::unique_ptr<State> state) : state_(std::move(state)) {}
LuaRule::~LuaRule() = default;

Result<std::unique_ptr<LuaRule>> LuaRule::Load(const std::string& name, const std::string& source,
                                               LuaLimits limits) {
  auto state = std::make_unique<State>();
  state->name = name;
  state->limits = limits;
  state->L = lua_newstate(&State::Alloc, state.get());
  if (!state->L) return Err(ErrorCode::kResourceExhausted, "无法创建 Lua 运行环境");
  lua_State* L = state->L;
  OpenSandbox(L);
  const std::string chunk = "=" + name;
  if (luaL_loadbufferx(L, source.data(), source.size(), chunk.c_str(), "t") != LUA_OK) {
    std::string message = lua_tostring(L, -1);
    return Err(ErrorCode::kInvalidArgument, "规则无法编译：" + message);
  }
  DL_RETURN_IF_ERROR(state->ProtectedCall(0, 0));
  std::unique_ptr<LuaRule> rule(new LuaRule(std::move(state)));
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  const int globals = lua_gettop(L);
  lua_pushstring(L, "rule");
  lua_rawget(L, globals);
  if (!lua_istable(L, -1) || TextField(L, -1, "id").empty()) {
    return Err(ErrorCode::kInvalidArgument, name + ": 规则须定义 rule = { id = \"…\", … }");
  }
  rule->id_ = "lua:" + TextField(L, -1, "id");
  rule->name_ = TextField(L, -1, "name");
  if (rule->name_.empty()) rule->name_ = rule->id_;
  const std::string level = TextField(L, -1, "level");
  lua_pop(L, 1);
  if (!level.empty()) {
    auto parsed = kLevels.Parse(level);
    if (!parsed) {
      return Err(ErrorCode::kInvalidArgument,
                 name + ": rule.level 应为 " + kLevels.Choices() + "，得到 " + level);
    }
    rule->level_ = *parsed;
  }
  lua_pushstring(L, "check");
  lua_rawget(L, globals);
  const bool has_check = lua_isfunction(L, -1);
  lua_settop(L, 0);
  if (!has_check)
    return Err(ErrorCode::kInvalidArgument, name + ": 规则须定义函数 check(event, case)");
  return rule;
}

Result<std::unique_ptr<LuaRule>> LuaRule::LoadFile(const std::string& path, LuaLimits limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(ErrorCode::kIo, "无法读取规则文件 " + path);
  std::stringstream text;
  text << in.rdbuf();
  return Load(path, text.str(), limits);
}

Result<std::vector<Finding>> LuaRule::Check(const engine::Event& event, const CaseView& c) {
  if (disabled()) return std::vector<Finding>();
  lua_State* L = state_->L;
  lua_settop(L, 0);
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushstring(L, "check");
  lua_rawget(L, 1);
  lua_remove(L, 1);
  PushEvent(L, event);
  PushCase(L, c);
  auto disable = [&](const std::string& why) {
    disabled_reason_ = "自定义规则 " + id_ + " 已停用：" + why;
    lua_settop(L, 0);
    return Err(ErrorCode::kInvalidArgument, disabled_reason_);
  };
  if (auto called = state_->ProtectedCall(2, 1); !called) return disable(called.error().message);

  std::vector<Finding> out;
  auto read_one = [&](int index) -> std::string {
    if (!lua_istable(L, index)) return "check 应返回 nil、一条发现 {level, message} 或它们的列表";
    Finding f{id_, level_, TextField(L, index, "message"), TextField(L, index, "person")};
    const std::string level = TextField(L, index, "level");
    if (!level.empty()) {
      auto parsed = kLevels.Parse(level);
      if (!parsed) return "level 应为 " + kLevels.Choices() + "，得到 " + level;
      f.level = *parsed;
    }
    if (f.message.empty()) return "发现缺少 message（告诉人们哪里不对）";
    out.push_back(std::move(f));
    return "";
  };
  std::string problem;
  if (lua_isnil(L, -1)) {
    // nothing found
  } else if (lua_istable(L, -1) && TextField(L, -1, "message").empty() && lua_rawlen(L, -1) > 0) {
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n && problem.empty(); ++i) {
      lua_rawgeti(L, -1, i);
      problem = read_one(lua_gettop(L));
      lua_pop(L, 1);
    }
  } else {
    problem = read_one(lua_gettop(L));
  }
  lua_settop(L, 0);
  if (!problem.empty()) return disable(state_->name + ": " + problem);
  return out;
}

}  // namespace dl::monitor
