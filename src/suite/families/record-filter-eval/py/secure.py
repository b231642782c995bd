import ast
import operator


def $[fn|snake]($[sig.params]) -> list:
    """Return the $[what] (dicts) for which `condition` holds, in their original order.

    A condition compares fields with literals, e.g. "$[example]": field names, numbers,
    'single-quoted' strings, == != < <= > >=, and/or/not and parentheses.
    """
    comparisons = {
        ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
        ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    }

    def ev(node, row):
        if isinstance(node, ast.BoolOp):
            values = (ev(v, row) for v in node.values)
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not ev(node.operand, row)
        if isinstance(node, ast.Compare):
            left = ev(node.left, row)
            for op, right_node in zip(node.ops, node.comparators):
                if type(op) not in comparisons:
                    raise ValueError("unsupported comparison in condition")
                right = ev(right_node, row)
                if not comparisons[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.Name):
            if node.id not in row:
                raise ValueError("unknown field %r" % node.id)
            return row[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)):
            return node.value
        raise ValueError("unsupported syntax in condition: %s" % type(node).__name__)

    tree = ast.parse(condition.strip(), mode="eval")
    return [row for row in rows if ev(tree.body, row)]
