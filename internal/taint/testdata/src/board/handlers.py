from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/greet/{who}")
async def greet(request):
    who = request.match_info["who"]
    return web.Response(text="<h1>Hi " + who + "</h1>", content_type="text/html")  # want: SG607


@routes.get("/echo")
async def echo(request):
    word = request.query.get("word", "")
    return web.Response(text="you said " + word)  # ok: SG607


@routes.post("/note")
async def note(request):
    form = await request.post()
    body = "<p>%s</p>" % form["note"]
    return web.Response(body=body.encode(), content_type="text/html; charset=utf-8")  # want: SG607


@routes.post("/note.json")
async def note_json(request):
    form = await request.post()
    return web.Response(text=form["note"], content_type="application/json")  # ok: SG607


@routes.get("/leave")
async def leave(request):
    raise web.HTTPFound(request.query["next"])  # want: SG608


@routes.get("/home")
async def home(request):
    request.query.get("next")
    raise web.HTTPFound("/")  # ok: SG608


@routes.get("/find")
async def find(request):
    term = request.rel_url.query.get("term", "")
    return web.Response(text="<i>" + term + "</i>", content_type="text/html")  # want: SG607


@routes.post("/upload")
async def upload(request):
    reader = await request.multipart()
    part = await reader.next()
    return web.Response(text="<b>%s</b>" % part.filename, content_type="text/html")  # want: SG607
